package io.k4s.workers.examples;

import io.k4s.api.Address;
import io.k4s.api.Message;
import io.k4s.api.Messenger;
import io.k4s.api.Params;
import io.k4s.api.Timer;
import io.k4s.api.WorkerContext;
import io.k4s.api.resource.ResourceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * A {@link WorkerContext} for driving a worker through its real {@code start}, {@code handle}
 * and {@code stop} on the test thread, as the container's own thread would.
 *
 * <p>It records what the worker sends and which timers it starts; it never delivers anything by
 * itself. A test fires a timer by calling {@code handle} with {@link FakeTimer#tick()}. Sends can
 * be refused with a typed exception, as the router would ({@link #refuseSends}); a send that may
 * wait for room never waits here, it is refused at once (or an {@link InterruptedException}
 * given to {@link #interruptWaitingSends} is thrown), and records how long it would have waited.
 */
final class FakeWorkerContext implements WorkerContext {

    /** One message the worker sent, and how long it was willing to wait for room (zero: not at all). */
    record Sent(Address to, Object payload, Duration maxWait) {
        Sent(Address to, Object payload) {
            this(to, payload, Duration.ZERO);
        }
    }

    /** A timer the worker started: every {@code period} ({@code repeating}) or once after it. */
    static final class FakeTimer implements Timer {
        private final Duration period;
        private final Object tick;
        private final boolean repeating;
        private boolean cancelled;

        FakeTimer(Duration period, Object tick, boolean repeating) {
            this.period = period;
            this.tick = tick;
            this.repeating = repeating;
        }

        Duration period() {
            return period;
        }

        boolean repeating() {
            return repeating;
        }

        /** The tick message this timer delivers to the container's mailbox. */
        Message tick() {
            return TestMessage.tick(tick);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }

    private final String containerName;
    private final Params params;
    private final RecordingLogger log;
    private final List<Sent> sent = new ArrayList<>();
    private final List<FakeTimer> timers = new ArrayList<>();
    private Function<Address, RuntimeException> refusal;
    private boolean interruptWaits;
    private boolean exited;
    private Object result;
    private Throwable failure;

    /** A context for container {@code containerName} in namespace {@code default}. */
    FakeWorkerContext(String containerName, Map<String, ?> params) {
        this.containerName = containerName;
        this.params = Params.of(params);
        this.log = new RecordingLogger("k4s.container.default." + containerName);
    }

    /** Make every following send throw what {@code refusal} returns for the target. */
    void refuseSends(Function<Address, RuntimeException> refusal) {
        this.refusal = Objects.requireNonNull(refusal);
    }

    /** Let sends through again. */
    void acceptSends() {
        this.refusal = null;
        this.interruptWaits = false;
    }

    /** Make every following send that may wait throw {@link InterruptedException}, as a stop would. */
    void interruptWaitingSends() {
        this.interruptWaits = true;
    }

    /** The messages sent so far, oldest first. */
    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The payloads sent so far, oldest first. */
    List<Object> sentPayloads() {
        return sent.stream().map(Sent::payload).toList();
    }

    /** The timers started so far. */
    List<FakeTimer> timers() {
        return List.copyOf(timers);
    }

    /** The only timer started; fails if there is not exactly one. */
    FakeTimer onlyTimer() {
        if (timers.size() != 1) {
            throw new AssertionError("expected exactly one timer, found " + timers.size());
        }
        return timers.getFirst();
    }

    RecordingLogger recordingLog() {
        return log;
    }

    boolean exited() {
        return exited;
    }

    /** What {@code exit(result)} was given, or null. */
    Object result() {
        return result;
    }

    /** What {@code fail(error)} was given, or null. */
    Throwable failure() {
        return failure;
    }

    @Override
    public String containerName() {
        return containerName;
    }

    @Override
    public String namespace() {
        return "default";
    }

    @Override
    public Map<String, String> labels() {
        return Map.of();
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Address self() {
        return Address.container("default", containerName);
    }

    @Override
    public Messenger messenger() {
        return new Messenger() {
            @Override
            public void send(Address to, Object payload) {
                Objects.requireNonNull(to, "to");
                if (refusal != null) {
                    throw refusal.apply(to);
                }
                sent.add(new Sent(to, payload));
            }

            @Override
            public void send(Address to, Object payload, Duration maxWait) throws InterruptedException {
                Objects.requireNonNull(to, "to");
                if (interruptWaits) {
                    throw new InterruptedException("the container is stopping");
                }
                if (refusal != null) {
                    throw refusal.apply(to);
                }
                sent.add(new Sent(to, payload, maxWait));
            }

            @Override
            public CompletableFuture<Object> request(Address to, Object payload) {
                return request(to, payload, Duration.ofSeconds(5));
            }

            @Override
            public CompletableFuture<Object> request(Address to, Object payload, Duration timeout) {
                return CompletableFuture.failedFuture(new UnsupportedOperationException(
                        "FakeWorkerContext answers no requests (asked " + to + "); the example"
                                + " workers only send"));
            }
        };
    }

    @Override
    public ResourceClient resources() {
        throw new UnsupportedOperationException("FakeWorkerContext has no resource API; the example"
                + " workers do not use it");
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public Timer every(Duration period, Object tick) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("timer period must be positive, got " + period);
        }
        FakeTimer timer = new FakeTimer(period, tick, true);
        timers.add(timer);
        return timer;
    }

    @Override
    public Timer after(Duration delay, Object tick) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("timer delay must not be negative, got " + delay);
        }
        FakeTimer timer = new FakeTimer(delay, tick, false);
        timers.add(timer);
        return timer;
    }

    @Override
    public void exit() {
        exited = true;
    }

    @Override
    public void exit(Object result) {
        exited = true;
        this.result = result;
    }

    @Override
    public void fail(Throwable error) {
        this.failure = Objects.requireNonNull(error, "error");
    }
}
