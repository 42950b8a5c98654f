package io.k4s.server;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Run a real kubectl binary against a test server: the versioned binaries of the Google Cloud SDK
 * Debian package ({@code /usr/lib/google-cloud-sdk/bin/kubectl.1.32}, {@code .1.33}) or, failing
 * those, {@code kubectl} on the PATH. Each run has a deadline and its own discovery cache.
 *
 * @param binary     the kubectl to run
 * @param kubeconfig the kubeconfig it uses
 * @param cache      its discovery and OpenAPI cache folder
 */
record Kubectl(Path binary, Path kubeconfig, Path cache) {

    private static final Path SDK = Path.of("/usr/lib/google-cloud-sdk/bin");

    /**
     * The outcome of one run.
     *
     * @param exit   the exit code
     * @param out    standard output
     * @param err    standard error
     */
    record Run(int exit, String out, String err) {

        /** Standard output, after checking that the run succeeded. */
        String ok() {
            if (exit != 0) {
                throw new AssertionError("kubectl exited " + exit + ": " + err + out);
            }
            return out;
        }
    }

    /** The kubectl binaries to test with: 1.32 and 1.33 if present, else the one on the PATH; may be empty. */
    static List<Path> binaries() {
        List<Path> found = new ArrayList<>();
        for (String version : List.of("1.32", "1.33")) {
            Path p = SDK.resolve("kubectl." + version);
            if (Files.isExecutable(p)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            String path = System.getenv().getOrDefault("PATH", "");
            Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable)
                    .findFirst().ifPresent(found::add);
        }
        return found;
    }

    /** Why kubectl tests cannot run here, for the skip message. */
    static String missing() {
        return "no kubectl found (looked for " + SDK + "/kubectl.1.32, kubectl.1.33 and kubectl on the PATH);"
                + " install the Debian package kubectl (.ci/run does)";
    }

    /** The version in the binary's name ({@code 1.32}), or its file name. */
    String version() {
        String name = binary.getFileName().toString();
        return name.startsWith("kubectl.") ? name.substring("kubectl.".length()) : name;
    }

    /** Run kubectl with {@code args} and wait for it (at most two minutes). */
    Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Run kubectl with {@code args} and extra environment variables. */
    Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process p = start(env, args);
        // Read both streams while it runs, so that a large output cannot block it.
        var out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        var err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not end within 2 minutes");
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Start kubectl with {@code args} without waiting (for {@code get -w}). */
    Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--cache-dir", cache.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("KUBECONFIG", kubeconfig.toString());
        b.environment().put("HOME", cache.toString());
        b.environment().putAll(env);
        return b.start();
    }

    /** Write a kubeconfig for {@code server} (with {@code token} and the CA {@code caPem} when given). */
    static Path kubeconfig(Path dir, String server, String token, byte[] caPem) throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n- name: k4s\n  cluster:\n")
                .append("    server: ").append(server).append('\n');
        if (caPem != null) {
            yaml.append("    certificate-authority-data: ").append(Base64.getEncoder().encodeToString(caPem))
                    .append('\n');
        }
        yaml.append("users:\n- name: k4s\n  user:").append(token == null ? " {}\n" : "\n    token: " + token + "\n")
                .append("contexts:\n- name: k4s\n  context: {cluster: k4s, user: k4s, namespace: default}\n")
                .append("current-context: k4s\n");
        Path file = dir.resolve("kubeconfig-" + Math.abs(server.hashCode()) + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
