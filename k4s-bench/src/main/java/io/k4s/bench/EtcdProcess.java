package io.k4s.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * An etcd for the harness: Debian's {@code etcd} on free loopback ports (client and peer) with a
 * data folder on disk (so its fsyncs are real), started and stopped by the harness. Called from
 * the harness's main thread.
 */
final class EtcdProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final Path dataDir;
    private final int clientPort;

    private EtcdProcess(Process process, Path dataDir, int clientPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.clientPort = clientPort;
    }

    /** The etcd binary on the PATH or at /usr/bin/etcd, if any. */
    static Optional<Path> binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "etcd"));
        return Stream.concat(onPath, Stream.of(Path.of("/usr/bin/etcd"))).filter(Files::isExecutable).findFirst();
    }

    /** Start etcd with its data in a new folder under {@code parent}; returns once it is healthy. */
    static EtcdProcess start(Path binary, Path parent) throws IOException {
        Path data = Files.createTempDirectory(parent, "etcd-");
        int client = freePort();
        int peer = freePort();
        String c = "http://127.0.0.1:" + client;
        String p = "http://127.0.0.1:" + peer;
        Process process = new ProcessBuilder(List.of(binary.toString(), "--name", "k4s-bench", "--data-dir",
                data.resolve("member").toString(), "--listen-client-urls", c, "--advertise-client-urls", c,
                "--listen-peer-urls", p, "--initial-advertise-peer-urls", p, "--initial-cluster", "k4s-bench=" + p,
                "--logger", "zap", "--log-outputs", "stderr", "--log-level", "error"))
                .redirectErrorStream(true).redirectOutput(data.resolve("etcd.log").toFile()).start();
        EtcdProcess etcd = new EtcdProcess(process, data, client);
        try {
            etcd.awaitHealthy();
        } catch (RuntimeException e) {
            etcd.close();
            throw e;
        }
        return etcd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/health")).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet: ask again
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd", e);
            }
        }
        throw new IllegalStateException("etcd did not become healthy within " + START + "; see "
                + dataDir.resolve("etcd.log"));
    }

    /** The location a cluster opens, with the key prefix {@code prefix}. */
    String location(String prefix) {
        return "etcd://127.0.0.1:" + clientPort + prefix;
    }

    /** Stop etcd and delete its data. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DataDirs.delete(dataDir);
    }
}
