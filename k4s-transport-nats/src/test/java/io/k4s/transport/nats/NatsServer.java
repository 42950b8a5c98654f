package io.k4s.transport.nats;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * A real nats-server for tests and benchmarks: Debian's {@code nats-server} (from the PATH or
 * /usr/bin/nats-server) on a free loopback port, started and stopped by the caller since the
 * machines have no service manager. {@link #restart()} brings it back on the same port. Public, in
 * this module's test jar, for the benchmarks and the application's tests.
 */
public final class NatsServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(20);

    private final Path binary;
    private final Path log;
    private final int port;
    private Process process;

    private NatsServer(Path binary, int port) throws IOException {
        this.binary = binary;
        this.port = port;
        this.log = Files.createTempFile("k4s-nats-", ".log");
    }

    /** The nats-server binary, if one can be found. */
    public static Optional<Path> binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "nats-server"));
        return Stream.concat(onPath, Stream.of(Path.of("/usr/bin/nats-server"), Path.of("/usr/sbin/nats-server"))).filter(Files::isExecutable)
                .findFirst();
    }

    /** Why NATS tests cannot run here, for an assumption's message. */
    public static String missing() {
        return "no nats-server binary on the PATH or at /usr/bin/nats-server: install Debian's nats-server"
                + " (apt-get install nats-server; .ci/run does) to run the NATS transport tests";
    }

    /** A new server on a free loopback port, accepting connections when this returns. */
    public static NatsServer start() throws IOException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(missing()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        NatsServer server = new NatsServer(binary, port);
        server.run();
        return server;
    }

    private void run() throws IOException {
        process = new ProcessBuilder(List.of(binary.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + "; its log:\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        throw new IllegalStateException("nats-server did not accept connections within " + START + "; its log:\n"
                + log());
    }

    /** The location clients connect to: {@code nats://127.0.0.1:PORT}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Stop the server (SIGKILL) and wait until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Start it again on the same port. */
    public void restart() throws IOException {
        run();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("nats-server did not exit within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nats-server to exit", e);
        }
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stop the server (SIGTERM) and delete its log. */
    @Override
    public void close() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit();
        }
        Files.deleteIfExists(log);
    }
}
