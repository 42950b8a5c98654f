package io.k4s.store.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A real etcd for tests: Debian's {@code etcd} (from the PATH or /usr/bin/etcd) on free loopback
 * ports (client and peer), with a data folder of its own (in /dev/shm when there is one: the
 * tests check semantics, not the disk), started and stopped by the tests since the machines have
 * no service manager. {@link #shared()} is one server for a whole test JVM; a test that restarts
 * etcd starts its own. Public, in this module's test jar, for the application's {@code serve}
 * tests.
 */
public final class EtcdServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);
    private static EtcdServer shared;

    private final Path binary;
    private final Path dataDir;
    private final Path log;
    private final int clientPort;
    private final int peerPort;
    private Process process;

    private EtcdServer(Path binary, Path dataDir) throws IOException {
        this.binary = binary;
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.clientPort = freePort();
        this.peerPort = freePort();
    }

    /** The etcd binary, if one can be found. */
    public static Optional<Path> binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "etcd"));
        return Stream.concat(onPath, Stream.of(Path.of("/usr/bin/etcd"))).filter(Files::isExecutable).findFirst();
    }

    /** Why etcd tests cannot run here, for an assumption's message. */
    public static String missing() {
        return "no etcd binary on the PATH or at /usr/bin/etcd: install Debian's etcd-server (apt-get install"
                + " etcd-server; .ci/run does) to run the etcd store tests";
    }

    /** The server every test of this JVM shares, started on first use; stopped when the JVM exits. */
    static synchronized EtcdServer shared() {
        if (shared == null) {
            try {
                shared = start(tempDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(shared::close));
        }
        return shared;
    }

    /** A new server with a data folder under {@code parent}. */
    public static EtcdServer start(Path parent) throws IOException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(missing()));
        EtcdServer server = new EtcdServer(binary, Files.createTempDirectory(parent, "etcd-"));
        server.run();
        return server;
    }

    private static Path tempDir() throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Files.createTempDirectory("k4s-etcd");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Start etcd (again, on the same ports and data) and wait until it is healthy. */
    void run() throws IOException {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        process = new ProcessBuilder(List.of(binary.toString(), "--name", "k4s-test", "--data-dir", dataDir.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "k4s-test=" + peer, "--initial-cluster-state", "new",
                "--logger", "zap", "--log-outputs", "stderr", "--log-level", "warn"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitHealthy();
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited with " + process.exitValue() + "; its log:\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd", e);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IllegalStateException("etcd was not healthy within " + START + " (" + last + "); its log:\n" + log());
    }

    /** The location a cluster or provider opens, with a key prefix of its own. */
    public String location(String prefix) {
        return "etcd://127.0.0.1:" + clientPort + prefix;
    }

    /** The client endpoint. */
    String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** SIGKILL etcd and wait until it is gone; {@link #run()} starts it again on its data. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("etcd did not exit within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for etcd to exit", e);
        }
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stop etcd (SIGTERM) and delete its data. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete etcd's data " + dataDir, e);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
