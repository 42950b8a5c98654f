package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.Messenger;
import io.k4s.api.NoEndpointsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run stages on plain JDK parts: one virtual thread per worker, each draining its own bounded
 * {@link java.util.concurrent.ArrayBlockingQueue}, and a {@link JdkRouter} per stage.
 *
 * <p>This is the lean baseline a careful engineer writes by hand in an afternoon: no batching,
 * no lock-free queue, a full queue refused with {@link io.k4s.api.MailboxFullException} as k4s
 * does (or waited on with {@code ArrayBlockingQueue.offer(e, timeout, unit)}, the JDK's own
 * back-pressure, on the worker the router chose), and a request is a {@link CompletableFuture}
 * the consumer completes. Requests carry no
 * timer: the timeout is checked but not enforced, so a request to a worker that never answers
 * would never complete. k4s (its timeout wheel) and Pekko ({@code ask}) pay for that guarantee;
 * this baseline does not, which makes it the harder one to match.
 */
final class JdkFabric implements Fabric, Messenger {

    private final Map<String, JdkRouter> stages = new HashMap<>();
    private final Map<String, JdkConsumer> containers = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean closed;

    private JdkFabric() {
    }

    static JdkFabric start(List<Stage> stages) {
        JdkFabric fabric = new JdkFabric();
        int total = stages.stream().mapToInt(Stage::replicas).sum();
        CountDownLatch started = new CountDownLatch(total);
        for (Stage stage : stages) {
            List<JdkConsumer> pool = new ArrayList<>();
            for (int i = 0; i < stage.replicas(); i++) {
                String name = stage.name() + "-" + i;
                JdkConsumer consumer = new JdkConsumer(name, WorkerTypes.create(stage.worker()),
                        new HostedContext(name, stage.params(), fabric), stage.mailboxCapacity(), started);
                pool.add(consumer);
                fabric.containers.put(name, consumer);
            }
            fabric.stages.put(stage.name(), new JdkRouter(stage.loadBalancing(), pool));
        }
        fabric.containers.values().forEach(c -> fabric.threads.add(
                Thread.ofVirtual().name("jdk-" + c.name()).start(c)));
        try {
            if (!started.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fabric.close();
                throw new IllegalStateException("jdk fabric: workers did not start within " + READY_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fabric.close();
            throw new IllegalStateException("jdk fabric: interrupted while starting workers", e);
        }
        for (JdkConsumer c : fabric.containers.values()) {
            if (c.startFailure() != null) {
                fabric.close();
                throw new IllegalStateException("jdk fabric: worker " + c.name() + " failed to start: "
                        + c.startFailure().getMessage(), c.startFailure());
            }
        }
        return fabric;
    }

    @Override
    public Variant variant() {
        return Variant.JDK;
    }

    @Override
    public Messenger messenger() {
        return this;
    }

    @Override
    public void send(Address to, Object payload) {
        target(to).offer(new JdkConsumer.Envelope(payload, null));
    }

    /** {@link java.util.concurrent.BlockingQueue#offer(Object, long, TimeUnit)} on the chosen worker's queue. */
    @Override
    public void send(Address to, Object payload, Duration maxWait) throws InterruptedException {
        target(to).offer(new JdkConsumer.Envelope(payload, null), maxWait);
    }

    @Override
    public boolean trySend(Address to, Object payload) {
        return target(to).tryOffer(new JdkConsumer.Envelope(payload, null));
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload) {
        return request(to, payload, REQUEST_TIMEOUT);
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request to " + to + ": timeout must be positive, got " + timeout);
        }
        CompletableFuture<Object> reply = new CompletableFuture<>();
        try {
            target(to).offer(new JdkConsumer.Envelope(payload, reply));
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    private JdkConsumer target(Address to) {
        if (to.kind() == Address.Kind.SERVICE) {
            JdkRouter router = stages.get(to.name());
            if (router == null) {
                throw new NoEndpointsException(to);
            }
            return router.pick();
        }
        JdkConsumer consumer = containers.get(to.name());
        if (consumer == null) {
            throw new ContainerNotFoundException(to);
        }
        return consumer;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        containers.values().forEach(JdkConsumer::stop);
        boolean interrupted = false;
        for (Thread t : threads) {
            try {
                if (!t.join(Duration.ofSeconds(10))) {
                    t.interrupt();
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
