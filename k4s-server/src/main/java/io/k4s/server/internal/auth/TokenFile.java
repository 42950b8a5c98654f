package io.k4s.server.internal.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens of Kubernetes' static token file ({@code --token-auth-file}): one CSV line per
 * token, {@code token,user,uid,"group1,group2"} (the groups column may be left out; blank lines
 * and lines starting with {@code #} are skipped). Tokens are kept as SHA-256 hashes and compared
 * by hash, so a lookup's timing does not depend on how much of a wrong token matched.
 * Immutable and thread-safe.
 */
public final class TokenFile {

    private final Map<String, User> byHash;
    private final List<User> users;
    private final Map<String, String> firstTokenOf;

    private TokenFile(Map<String, User> byHash, List<User> users, Map<String, String> firstTokenOf) {
        this.byHash = Map.copyOf(byHash);
        this.users = List.copyOf(users);
        this.firstTokenOf = Map.copyOf(firstTokenOf);
    }

    /**
     * Read {@code file}.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException naming the file, line and problem (too few columns, an
     *                                  empty token or user, a token given twice), or if it has no token
     */
    public static TokenFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Read tokens from {@code text}, reporting problems against {@code source}. */
    public static TokenFile parse(String text, String source) {
        Map<String, User> byHash = new HashMap<>();
        List<User> users = new ArrayList<>();
        Map<String, String> first = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> columns = columns(line, source, i + 1);
            if (columns.size() < 3) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected token,user,uid[,\"groups\"]"
                        + " (" + columns.size() + " columns found)");
            }
            String token = columns.get(0).strip();
            String name = columns.get(1).strip();
            if (token.isEmpty() || name.isEmpty()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": the token and the user must not be"
                        + " empty");
            }
            List<String> groups = new ArrayList<>();
            if (columns.size() > 3) {
                for (String g : columns.get(3).split(",")) {
                    if (!g.isBlank()) {
                        groups.add(g.strip());
                    }
                }
            }
            groups.add(User.AUTHENTICATED);
            User user = new User(name, columns.get(2).strip(), groups);
            if (byHash.put(hash(token), user) != null) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": this token is given twice");
            }
            users.add(user);
            first.putIfAbsent(name, token);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(source + ": no token found; write one line per token:"
                    + " token,user,uid,\"group1,group2\"");
        }
        return new TokenFile(byHash, users, first);
    }

    private static List<String> columns(String line, String source, int number) {
        List<String> columns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                columns.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(source + ":" + number + ": a quote is not closed");
        }
        columns.add(current.toString());
        return columns;
    }

    /** The user of {@code token}, if it is a known token. */
    public Optional<User> user(String token) {
        return Optional.ofNullable(byHash.get(hash(token)));
    }

    /** Every user, in file order (a user with several tokens once per token). */
    public List<User> users() {
        return users;
    }

    /**
     * A token of the first user in {@value User#MASTERS}, for the kubeconfig that {@code serve}
     * writes; empty if no user is an admin.
     */
    public Optional<String> adminToken() {
        return users.stream().filter(User::master).findFirst().map(u -> firstTokenOf.get(u.name()));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
