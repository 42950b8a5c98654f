package io.k4s.core.runtime;

import io.k4s.api.Address;
import io.k4s.api.Health;
import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import io.k4s.core.Await;
import io.k4s.core.registry.WorkerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workers for runtime and router tests, and what they observed. Tests run one at a time, so
 * the shared records are cleared by {@link RuntimeFixture} for each test.
 */
public final class TestWorkers {

    /** Payloads each container ({@code ns/name}) handled, in order; ticks as {@code "tick:" + tick}. */
    public static final Map<String, Queue<Object>> HANDLED = new ConcurrentHashMap<>();
    /** The thread of each container's latest run. */
    public static final Map<String, Thread> THREADS = new ConcurrentHashMap<>();
    /** How often each container's worker was started and stopped. */
    public static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> STOPS = new ConcurrentHashMap<>();
    /** How many stop() calls (param stopSleeps) were interrupted. */
    public static final AtomicInteger STOPS_INTERRUPTED = new AtomicInteger();
    /** Holds every stop() with param stopHangs until counted down; a fresh latch per test. */
    public static volatile CountDownLatch STOP_GATE = new CountDownLatch(1);
    /** Times a worker found another thread already inside its handle: must stay 0. */
    public static final AtomicInteger CONCURRENT_ENTRIES = new AtomicInteger();

    private static final String SERVICES = "META-INF/services/io.k4s.api.Worker";
    private static volatile WorkerRegistry registry;

    private TestWorkers() {}

    /** A registry of exactly these workers: the test classpath's other providers are not seen. */
    public static WorkerRegistry registry() {
        WorkerRegistry r = registry;
        if (r == null) {
            synchronized (TestWorkers.class) {
                r = registry;
                if (r == null) {
                    r = WorkerRegistry.load(testWorkersOnly());
                    registry = r;
                }
            }
        }
        return r;
    }

    /** A loader that sees the test classpath but declares only these workers as providers. */
    private static ClassLoader testWorkersOnly() {
        try {
            Path dir = Files.createTempDirectory("k4s-test-workers");
            Path file = dir.resolve(SERVICES);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", Script.class.getName(), Echo.class.getName(),
                    ContextProbe.class.getName()) + "\n");
            file.toFile().deleteOnExit();
            URL url = file.toUri().toURL();
            return new ClassLoader("test-workers", TestWorkers.class.getClassLoader()) {
                @Override
                public Enumeration<URL> getResources(String name) throws IOException {
                    return SERVICES.equals(name) ? Collections.enumeration(List.of(url)) : super.getResources(name);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test services file", e);
        }
    }

    static void reset() {
        HANDLED.clear();
        THREADS.clear();
        STARTS.clear();
        STOPS.clear();
        CONCURRENT_ENTRIES.set(0);
        STOPS_INTERRUPTED.set(0);
        STOP_GATE = new CountDownLatch(1);
    }

    /** Wait for {@code latch}, ignoring interrupts as a badly written worker does, then restore the flag. */
    static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@code ns/name} handled so far. */
    public static Queue<Object> handled(String container) {
        return HANDLED.computeIfAbsent(container, k -> new ConcurrentLinkedQueue<>());
    }

    /** Blocks the handler until released; {@code entered} opens when it is inside. */
    public record Block(CountDownLatch entered, CountDownLatch gate) {
        public Block() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }

        public void awaitEntered() throws InterruptedException {
            if (!entered.await(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the worker never started handling the Block");
            }
        }

        public void release() {
            gate.countDown();
        }
    }

    /**
     * Blocks the handler until released, ignoring interrupts: a handler that never returns
     * while the test holds it.
     */
    public record Stubborn(CountDownLatch entered, CountDownLatch gate) {
        public Stubborn() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }

        public void awaitEntered() throws InterruptedException {
            if (!entered.await(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the worker never started handling the Stubborn message");
            }
        }

        public void release() {
            gate.countDown();
        }
    }

    /** Computes on its carrier, without blocking, until released or interrupted; replies with how it ended. */
    public record Spin(CountDownLatch entered, AtomicBoolean stop) {
        public Spin() {
            this(new CountDownLatch(1), new AtomicBoolean());
        }

        public void release() {
            stop.set(true);
        }
    }

    /** Replies with {@code later}: the handler returns a CompletionStage. */
    public record Later(CompletableFuture<Object> later) {}

    /** Starts {@code count} periodic timers of {@code period} (ticks {@code "every"}) and replies with the count. */
    public record StartTimers(int count, Duration period) {}

    /** Asks {@code to} with {@code payload} through the worker's own messenger and replies with its answer. */
    public record Forward(Address to, Object payload) {}

    /**
     * Does what the payload says: {@code "whoami"} replies with the container name, {@code "sender"}
     * with the sender, {@code "headers"} with the headers, {@code "id"} with the message id,
     * {@code "fail"} throws, {@code "crash"} throws an Error, {@code "exit"} exits,
     * {@code "interrupt"} returns with its interrupt flag set, {@code "interrupted?"} replies
     * whether the flag is set, {@code "log:TEXT"} logs TEXT at INFO; readiness is down with param
     * {@code notReady} as the reason, if given;
     * {@link Block}, {@link Later} and {@link Forward} as documented; anything else is recorded
     * and echoed. Params: {@code failStart}, {@code failStop}, {@code tickEvery}, {@code tickAfter},
     * {@code interruptInStart}, {@code stopSleeps} (stop waits until interrupted), {@code stopHangs}
     * (stop ignores interrupts until {@link #STOP_GATE} opens); {@link Stubborn} and {@link Spin}
     * as documented.
     */
    @WorkerType(value = "test-script", description = "does what the payload says")
    public static class Script implements Worker {

        private final AtomicInteger inside = new AtomicInteger();

        @Override
        public void start(WorkerContext context) throws Exception {
            String me = context.namespace() + "/" + context.containerName();
            THREADS.put(me, Thread.currentThread());
            STARTS.computeIfAbsent(me, k -> new AtomicInteger()).incrementAndGet();
            if (context.params().bool("failStart", false)) {
                throw new IllegalStateException("start failed on purpose");
            }
            Duration every = context.params().duration("tickEvery", null);
            if (every != null) {
                context.every(every, "every");
            }
            Duration after = context.params().duration("tickAfter", null);
            if (after != null) {
                context.after(after, "after");
            }
            if (context.params().bool("interruptInStart", false)) {
                // The "restore the interrupt" idiom, as after catching InterruptedException.
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Object handle(Message message, WorkerContext context) throws Exception {
            if (inside.getAndIncrement() != 0) {
                CONCURRENT_ENTRIES.incrementAndGet();
            }
            try {
                return dispatch(message, context);
            } finally {
                inside.decrementAndGet();
            }
        }

        /** Down with the reason in param {@code notReady}, if given. */
        @Override
        public Health readiness(WorkerContext context) {
            String reason = context.params().string("notReady", "");
            return reason.isEmpty() ? Health.up() : Health.down(reason);
        }

        private Object dispatch(Message message, WorkerContext context) throws Exception {
            String me = context.namespace() + "/" + context.containerName();
            Object payload = message.payload();
            if (message.timer()) {
                handled(me).add("tick:" + payload);
                return null;
            }
            if (payload instanceof String text && text.startsWith("log:")) {
                context.log().info(text.substring(4));
                return null;
            }
            if (payload instanceof Block block) {
                block.entered().countDown();
                block.gate().await();
                return "released";
            }
            if (payload instanceof Stubborn stubborn) {
                stubborn.entered().countDown();
                awaitIgnoringInterrupts(stubborn.gate());
                return "released";
            }
            if (payload instanceof Spin spin) {
                spin.entered().countDown();
                while (!spin.stop().get()) {
                    if (Thread.currentThread().isInterrupted()) {
                        return "interrupted";
                    }
                    Thread.onSpinWait();
                }
                return "released";
            }
            if (payload instanceof StartTimers timers) {
                for (int i = 0; i < timers.count(); i++) {
                    context.every(timers.period(), "every");
                }
                return timers.count();
            }
            if (payload instanceof Later later) {
                return later.later();
            }
            if (payload instanceof Forward forward) {
                return context.messenger().request(forward.to(), forward.payload());
            }
            if (payload instanceof String command) {
                switch (command) {
                    case "whoami" -> {
                        return context.containerName();
                    }
                    case "sender" -> {
                        return message.sender().map(Address::toString).orElse("none");
                    }
                    case "headers" -> {
                        return message.headers();
                    }
                    case "id" -> {
                        return message.id();
                    }
                    case "fail" -> throw new IllegalStateException("asked to fail");
                    case "crash" -> throw new AssertionError("asked to crash");
                    case "exit" -> {
                        context.exit();
                        return "exiting";
                    }
                    case "interrupt" -> {
                        // Return with the flag set, as code that restores an interrupt does.
                        Thread.currentThread().interrupt();
                        return "interrupted";
                    }
                    case "interrupted?" -> {
                        return Thread.currentThread().isInterrupted();
                    }
                    default -> {
                        // recorded and echoed below
                    }
                }
            }
            handled(me).add(payload);
            return payload;
        }

        @Override
        public void stop(WorkerContext context) {
            STOPS.computeIfAbsent(context.namespace() + "/" + context.containerName(), k -> new AtomicInteger())
                    .incrementAndGet();
            if (context.params().bool("failStop", false)) {
                throw new IllegalStateException("stop failed on purpose");
            }
            if (context.params().bool("stopSleeps", false)) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    STOPS_INTERRUPTED.incrementAndGet();
                }
            }
            if (context.params().bool("stopHangs", false)) {
                awaitIgnoringInterrupts(STOP_GATE);
            }
        }
    }

    /** Replies with the payload and records nothing: the lean worker of the messaging harness. */
    @WorkerType(value = "test-echo", description = "replies with the payload")
    public static class Echo implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) {
            return message.payload();
        }
    }

    /** Hands its context to the test through {@link #SEEN}; resolved by its class name. */
    public static class ContextProbe implements Worker {
        public static volatile CompletableFuture<WorkerContext> SEEN = new CompletableFuture<>();

        @Override
        public void start(WorkerContext context) {
            SEEN.complete(context);
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            return null;
        }
    }
}
