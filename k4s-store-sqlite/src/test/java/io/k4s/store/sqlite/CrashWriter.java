package io.k4s.store.sqlite;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend.Key;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A child process for {@code CrashRestartTest}: write as fast as it can from several threads and
 * print each write once it was acknowledged, until it is killed.
 *
 * <p>Thread {@code t} owns the key {@code counter-t}, which it updates with label {@code n}
 * counting up from its stored value, and creates {@code made-PID-t-n} every tenth write. Lines:
 * {@code ready}, then {@code ack counter-t N RV} and {@code ack made-PID-t-n 0 RV}.
 */
public final class CrashWriter {

    private CrashWriter() {}

    /** {@code args[0]}: the data folder; {@code args[1]}: the number of writing threads. */
    public static void main(String[] args) {
        SqliteBackend backend = SqliteBackend.open(Path.of(args[0]), KindRegistry.builtIn());
        int threads = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        for (int t = 0; t < threads; t++) {
            String name = "counter-" + t;
            if (backend.get(key(name)).isEmpty()) {
                backend.create(key(name), rev -> value(name, 0));
            }
        }
        long pid = ProcessHandle.current().pid();
        out.println("ready");
        out.flush();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                String name = "counter-" + thread;
                Resource current = backend.get(key(name)).orElseThrow();
                long from = Long.parseLong(current.metadata().labels().get("n"));
                for (long n = from + 1; ; n++) {
                    long n2 = n;
                    current = backend.update(key(name), current.metadata().resourceVersion(), rev -> value(name, n2));
                    ack(out, name, n, current.metadata().resourceVersion());
                    if (n % 10 == 0) {
                        String made = "made-" + pid + "-" + thread + "-" + n;
                        Resource m = backend.create(key(made), rev -> value(made, 0));
                        ack(out, made, 0, m.metadata().resourceVersion());
                    }
                }
            });
        }
    }

    private static void ack(PrintStream out, String name, long n, long rv) {
        synchronized (out) {
            out.println("ack " + name + " " + n + " " + rv);
            out.flush();
        }
    }

    static Key key(String name) {
        return new Key("Container", "default", name);
    }

    static Resource value(String name, long n) {
        Container c = Container.of(ObjectMeta.of(name).withLabels(Map.of("n", Long.toString(n))), ContainerSpec.of("echo"));
        return c.withMetadata(c.metadata().withSystemFields("uid-" + name, 0, 1, Instant.EPOCH));
    }
}
