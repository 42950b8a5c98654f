package io.k4s.bench;

import io.k4s.core.K4sCluster;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One node of {@link FailoverHarness}'s cluster, in a JVM of its own: a {@link K4sCluster} on the
 * harness's etcd and nats-server with the defaults of {@code serve} (10 s lease). It prints
 * {@code STARTED} once it runs and {@code LEADING true|false} whenever it gains or loses the
 * leadership (sampled every {@value #SAMPLE_MILLIS} ms), and stops when its standard input ends,
 * so that it never outlives the harness.
 *
 * <p>Run by the harness: {@code FailoverNode STORE TRANSPORT NODE}.
 */
public final class FailoverNode {

    static final long SAMPLE_MILLIS = 10;

    private FailoverNode() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: FailoverNode etcd://HOST:PORT/PREFIX nats://HOST:PORT NODE");
        }
        try (K4sCluster node = K4sCluster.builder().storage(args[0]).transport(args[1]).node(args[2]).start()) {
            say("STARTED");
            Thread.ofPlatform().daemon().name("leading").start(() -> {
                boolean leading = false;
                while (true) {
                    if (node.leading() != leading) {
                        leading = !leading;
                        say("LEADING " + leading);
                    }
                    LockSupport.parkNanos(Duration.ofMillis(SAMPLE_MILLIS).toNanos()); // a sampling period
                }
            });
            InputStream in = System.in;
            while (in.read() != -1) {
                // the harness never writes; end of input means it is done with this node
            }
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
