package io.k4s.core.runtime;

import io.k4s.api.Address;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.Messenger;
import io.k4s.api.Params;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.core.messaging.ContainerEndpoint;
import io.k4s.core.messaging.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container as the runtime keeps it from {@code start} to its end, across restarts: its
 * mailbox, its current {@link ContainerRun}, its phase, backoff and counters.
 *
 * <p>Lifecycle changes take this object's lock (never held while calling worker code or
 * listeners); the message path reads volatile flags only. Sending threads call the
 * {@link ContainerEndpoint} methods; the run's thread calls the rest, except {@link #stop}.
 */
final class LiveContainer implements ContainerEndpoint {

    final VirtualThreadRuntime runtime;
    final Container resource;
    final ContainerSpec spec;
    final ResourceKey key;
    final Address address;
    final Params params;
    final Mailbox mailbox;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final EventSequence events;
    final ContainerCounters counters = new ContainerCounters();

    private volatile boolean ready;
    private volatile boolean accepting;
    private volatile boolean draining;
    private volatile long drainDeadline;
    private volatile Phase phase = Phase.STARTING;
    private volatile Messenger messenger;
    private volatile Logger log;

    // Guarded by this.
    private ContainerRun run;
    private boolean stopRequested;
    private boolean exiting;
    private int restartCount;
    private long backoffNanos;
    private long runningSinceNanos;
    private Instant startedAt;
    private Instant nextRestartAt;
    private Future<?> pendingRestart;
    private Future<?> graceTimer;

    LiveContainer(VirtualThreadRuntime runtime, Container resource) {
        this.runtime = runtime;
        this.resource = resource;
        this.spec = resource.spec();
        this.key = resource.key();
        this.address = Address.container(key.namespace(), key.name());
        this.params = Params.of(spec.params());
        this.mailbox = new Mailbox(spec.mailboxCapacity());
        this.events = new EventSequence(runtime);
    }

    // ---- ContainerEndpoint, called by senders ----

    @Override
    public Address address() {
        return address;
    }

    @Override
    public ResourceKey key() {
        return key;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public boolean accepting() {
        return accepting;
    }

    @Override
    public int queued() {
        return mailbox.queued();
    }

    @Override
    public int capacity() {
        return mailbox.capacity();
    }

    @Override
    public void deliver(Envelope envelope) {
        int outcome = accepting ? mailbox.tryOffer(envelope) : Mailbox.CLOSED;
        if (outcome == Mailbox.FULL) {
            throw new MailboxFullException(address, mailbox.capacity());
        }
        if (outcome == Mailbox.CLOSED) {
            throw new ContainerTerminatedException(address, refusal());
        }
    }

    private String refusal() {
        return switch (phase) {
            case BACKOFF -> "it crashed and is waiting to restart";
            case TERMINATING -> "it is stopping and takes no new messages";
            default -> "it is not running (" + phase.name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
    }

    // ---- lifecycle ----

    /** Start a new run on a new virtual thread. Caller holds this lock or owns the object alone. */
    synchronized void launch() {
        ContainerRun r = new ContainerRun(this, "k4s-" + key.namespace() + "/" + key.name());
        run = r;
        exiting = false;
        draining = false;
        runningSinceNanos = 0;
        phase = Phase.STARTING;
        startedAt = runtime.clock().instant();
        nextRestartAt = null;
        pendingRestart = null;
        mailbox.open(r.thread);
        accepting = true;
        r.thread.start();
    }

    /** The worker's start returned: become ready, unless a stop or exit came first. */
    void started(ContainerRun r) {
        synchronized (this) {
            if (r != run || stopRequested || exiting) {
                return;
            }
            phase = Phase.RUNNING;
            ready = true;
            runningSinceNanos = System.nanoTime();
            queueEvent(RuntimeEvent.Type.STARTED);
        }
        events.deliver();
    }

    /** Stop taking messages at once, drain for up to {@code grace}, then end. Any thread; idempotent. */
    CompletableFuture<Void> stop(Duration grace) {
        ContainerRun r;
        synchronized (this) {
            if (phase == Phase.SUCCEEDED || phase == Phase.FAILED || phase == Phase.STOPPED) {
                runtime.forget(this);
                return terminated;
            }
            if (stopRequested) {
                return terminated;
            }
            stopRequested = true;
            refuse();
            if (phase == Phase.BACKOFF) {
                pendingRestart.cancel(false);
                phase = Phase.STOPPED;
                endForGood();
                r = null;
            } else {
                phase = Phase.TERMINATING;
                r = run;
                beginDrain(r, grace);
            }
        }
        if (r == null) {
            events.deliver();
            terminated.complete(null);
        } else {
            mailbox.close();
        }
        return terminated;
    }

    /** The worker called exit(): drain within the spec's grace period, then end. Any thread. */
    void beginExit(ContainerRun r) {
        synchronized (this) {
            if (r != run || stopRequested || exiting || phase != Phase.STARTING && phase != Phase.RUNNING) {
                return;
            }
            exiting = true;
            refuse();
            phase = Phase.TERMINATING;
            beginDrain(r, spec.terminationGracePeriod());
        }
        mailbox.close();
    }

    /**
     * Set the drain deadline, and a timer that then interrupts a handler (or start) still
     * running. Caller holds this lock, so {@link #runEnded} cancels the timer. A stop during an
     * exit's drain can shorten the deadline but never extend it: the earlier one wins, and
     * exactly one timer is armed.
     */
    private void beginDrain(ContainerRun r, Duration grace) {
        long deadline = System.nanoTime() + Math.min(grace.toNanos(), Long.MAX_VALUE / 4);
        if (draining && drainDeadline - deadline <= 0) {
            return;
        }
        if (graceTimer != null) {
            graceTimer.cancel(false);
        }
        drainDeadline = deadline;
        draining = true;
        graceTimer = runtime.scheduleLifecycle(r::interruptIfInLoop, grace);
    }

    /** Whether a stop's or exit's grace period is over; read after every message. */
    boolean pastDrainDeadline() {
        return draining && System.nanoTime() - drainDeadline >= 0;
    }

    /** Leave the endpoints and refuse direct messages. */
    void refuse() {
        ready = false;
        accepting = false;
    }

    /** Why messages still queued when a run ends are not handled. */
    String leftoverReason(Throwable crash) {
        if (crash != null) {
            return "it crashed: " + crash;
        }
        return exiting ? "it exited before handling it" : "it stopped before handling it (grace period over)";
    }

    /** The run ended: decide what follows (stopped, restart after backoff, succeeded or failed). */
    void runEnded(Throwable crash) {
        boolean last;
        synchronized (this) {
            refuse();
            if (graceTimer != null) {
                graceTimer.cancel(false);
                graceTimer = null;
            }
            if (crash != null) {
                counters.error("crashed: " + crash);
            }
            RestartPolicy policy = spec.restartPolicy();
            boolean restart = !stopRequested && !runtime.closing()
                    && (policy == RestartPolicy.ALWAYS || crash != null && policy == RestartPolicy.ON_FAILURE);
            if (restart) {
                scheduleRestart();
                queueEvent(crash != null ? RuntimeEvent.Type.CRASHED : RuntimeEvent.Type.STOPPED);
                last = false;
            } else {
                phase = stopRequested ? Phase.STOPPED : crash != null ? Phase.FAILED : Phase.SUCCEEDED;
                if (crash != null) {
                    queueEvent(RuntimeEvent.Type.CRASHED);
                }
                endForGood();
                last = true;
            }
        }
        if (crash != null) {
            logCrash(crash);
        }
        events.deliver();
        if (last) {
            terminated.complete(null);
        }
    }

    private void scheduleRestart() {
        long reset = runtime.config().backoffResetAfter().toNanos();
        boolean stable = runningSinceNanos != 0 && System.nanoTime() - runningSinceNanos >= reset;
        backoffNanos = nextBackoff(backoffNanos, stable, runtime.config());
        phase = Phase.BACKOFF;
        nextRestartAt = runtime.clock().instant().plusNanos(backoffNanos);
        pendingRestart = runtime.scheduleLifecycle(this::restart, Duration.ofNanos(backoffNanos));
    }

    /**
     * The wait before the next restart: the initial backoff for the first restart or after a
     * stable run, otherwise twice the previous wait, at most the maximum.
     */
    static long nextBackoff(long previousNanos, boolean stable, RuntimeConfig config) {
        long initial = config.initialBackoff().toNanos();
        if (stable || previousNanos == 0) {
            return initial;
        }
        return Math.min(config.maxBackoff().toNanos(), previousNanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : previousNanos * 2);
    }

    private synchronized void restart() {
        if (stopRequested || phase != Phase.BACKOFF) {
            return;
        }
        restartCount++;
        launch();
    }

    /** The container ended for good: leave the router (and the runtime if stopped); caller holds this lock. */
    private void endForGood() {
        runtime.router().unregister(this);
        if (phase == Phase.STOPPED) {
            runtime.forget(this);
        }
        queueEvent(RuntimeEvent.Type.STOPPED);
    }

    private void logCrash(Throwable crash) {
        if (crash instanceof Exception) {
            log().warn("crashed: {}", crash.toString());
        } else {
            log().error("crashed", crash);
        }
    }

    /** Record an event with the state as of now, in order; caller holds this lock. */
    private void queueEvent(RuntimeEvent.Type type) {
        events.add(new RuntimeEvent(type, state()));
    }

    // ---- from the run's thread ----

    void stopFailed(Throwable error) {
        counters.error("stop failed: " + error);
        log().warn("worker stop failed: {}", error.toString(), error);
    }

    /**
     * Put a tick of {@code timer} into the mailbox; a full or closed mailbox drops it and counts
     * it. Timer thread.
     *
     * @return whether the tick is in the mailbox
     */
    boolean deliverTick(Object tick, ContainerTimer timer) {
        if (!accepting || mailbox.tryOffer(Envelope.timerTick(address, tick, timer)) != Mailbox.ACCEPTED) {
            counters.tickDropped();
            return false;
        }
        return true;
    }

    // ---- views ----

    Messenger messenger() {
        Messenger m = messenger;
        if (m == null) {
            m = runtime.router().forSender(address);
            messenger = m;
        }
        return m;
    }

    Logger log() {
        Logger l = log;
        if (l == null) {
            l = LoggerFactory.getLogger("k4s.container." + key.namespace() + "." + key.name());
            log = l;
        }
        return l;
    }

    synchronized Thread thread() {
        return run == null ? null : run.thread;
    }

    synchronized boolean runs(Container other) {
        return !stopRequested
                && Objects.equals(resource.metadata().uid(), other.metadata().uid())
                && resource.metadata().generation() == other.metadata().generation();
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    synchronized ContainerState state() {
        int queued = mailbox.queued();
        MessageCounters counts = new MessageCounters(mailbox.taken() + queued, counters.processedCount(),
                counters.failedCount(), queued);
        return new ContainerState(key, resource.metadata().uid(), resource.metadata().generation(), phase, ready,
                restartCount, startedAt, counts, counters.lastError(), nextRestartAt);
    }

    @Override
    public String toString() {
        return "LiveContainer[" + address + ", " + phase + "]";
    }
}
