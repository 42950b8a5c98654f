package io.k4s.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

/**
 * Write the kubeconfig that points kubectl at {@code serve}: one cluster, user and context named
 * {@code k4s}, with the server's URL, the CA to trust for TLS and a bearer token when the server
 * has tokens. Refuses to write the user's own {@code ~/.kube/config}, which k4s never touches.
 */
final class Kubeconfig {

    /** The kubeconfig written unless {@code --kubeconfig} names another: {@code ~/.kube/k4s.yaml}. */
    static Path defaultFile(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".kube", "k4s.yaml");
    }

    private Kubeconfig() {}

    /**
     * Write {@code file} (readable by its owner only).
     *
     * @param caCertificate the PEM certificate to trust for an https server, or {@code null}
     * @param token         the bearer token, or {@code null}
     * @throws IllegalArgumentException if {@code file} is the user's {@code ~/.kube/config}
     * @throws IOException              if it cannot be written
     */
    static void write(Path file, URI server, byte[] caCertificate, String token, Map<String, String> env)
            throws IOException {
        Path own = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".kube", "config");
        if (file.toAbsolutePath().normalize().equals(own.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("refusing to write " + file + ": it is your own kubeconfig; give"
                    + " --kubeconfig another file (the default is ~/.kube/k4s.yaml)");
        }
        StringBuilder yaml = new StringBuilder()
                .append("# Written by k4s serve; use it with: export KUBECONFIG=").append(file).append('\n')
                .append("apiVersion: v1\nkind: Config\nclusters:\n- name: k4s\n  cluster:\n")
                .append("    server: ").append(server).append('\n');
        if (caCertificate != null) {
            yaml.append("    certificate-authority-data: ").append(Base64.getEncoder().encodeToString(caCertificate))
                    .append('\n');
        }
        yaml.append("users:\n- name: k4s\n  user:");
        yaml.append(token == null ? " {}\n" : "\n    token: " + token + "\n");
        yaml.append("contexts:\n- name: k4s\n  context:\n    cluster: k4s\n    user: k4s\n    namespace: default\n")
                .append("current-context: k4s\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps its folder's permissions.
            file.toFile().setReadable(true, true);
        }
    }
}
