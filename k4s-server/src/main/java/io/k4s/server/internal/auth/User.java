package io.k4s.server.internal.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who a request comes from, as Kubernetes' {@code user.Info}.
 *
 * @param name   the user name
 * @param uid    the uid from the token file, or empty
 * @param groups the groups, {@code system:authenticated} included for authenticated users
 */
public record User(String name, String uid, List<String> groups) {

    /** Kubernetes' group whose members may do anything (the first admin goes there). */
    public static final String MASTERS = "system:masters";
    /** The group of every authenticated user. */
    public static final String AUTHENTICATED = "system:authenticated";

    /** The user of a server without authentication (loopback only): may do anything. */
    public static final User LOCAL = new User("k4s:local", "", List.of(MASTERS, AUTHENTICATED));

    /** A request without credentials, on a server with tokens. */
    public static final User ANONYMOUS = new User("system:anonymous", "", List.of("system:unauthenticated"));

    /** Requires a name; copies the groups. */
    public User {
        Objects.requireNonNull(name, "name");
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
    }

    /** Whether this user may do anything ({@value #MASTERS}). */
    public boolean master() {
        return groups.contains(MASTERS);
    }

    /** Whether this user presented valid credentials (or the server has none). */
    public boolean authenticated() {
        return groups.contains(AUTHENTICATED);
    }
}
