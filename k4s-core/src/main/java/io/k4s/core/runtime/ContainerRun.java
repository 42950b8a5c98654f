package io.k4s.core.runtime;

import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.core.messaging.Envelope;
import io.k4s.core.registry.WorkerLease;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * One run of a container: a fresh worker on its own thread (virtual, or platform when the spec
 * asks), from {@code start} through its messages to {@code stop}. A restart is a new run; the
 * worker sees it through a {@link RunContext}.
 *
 * <p>{@link #run()} executes on the run's thread. The runtime
 * watches the run from its own platform threads: the watchdog reads when the current callback
 * began ({@link #checkCarrier}); at the end of a grace period the lifecycle thread interrupts a
 * callback that is still running and takes the mailbox over from it ({@link #graceOver}); at
 * the stop deadline it ends the run without waiting for a {@code stop} that does not return.
 */
final class ContainerRun implements Runnable {

    /** {@link #handleStart} while no worker callback runs. */
    private static final long IDLE = 0;
    /** {@link #handleStart} once the runtime took the mailbox from a callback that overran its grace period. */
    private static final long REAPED = Long.MIN_VALUE;
    private static final VarHandle HANDLE_START;

    static {
        try {
            HANDLE_START = MethodHandles.lookup().findVarHandle(ContainerRun.class, "handleStart", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Where the run's thread is; only the loop may be interrupted by the grace timer, only stop by the stop timer. */
    private enum Stage { LOOP, CLEANUP, STOP, DONE }

    private final LiveContainer container;
    final Thread thread;
    private final RunTimers timers;
    private final MessageOutcomes outcomes;
    private final PendingReplies replies;
    private final WorkerContext context;
    /** Where the worker comes from. */
    private final WorkerLease lease;
    /** Run's thread only; dropped when the run ends, so that an ended container keeps no worker (nor its image). */
    private Worker worker;
    /** Run's thread only: whether the worker's start returned, so its stop is owed. */
    private boolean startReturned;
    /**
     * When the current worker callback began ({@link System#nanoTime()}), {@link #IDLE}, or
     * {@link #REAPED}. The run's thread owns the mailbox while it is not {@code REAPED}; the
     * lifecycle thread takes it over with a compare-and-set while a callback runs, and the
     * run's thread learns of it when its own compare-and-set back to {@code IDLE} fails.
     */
    private volatile long handleStart;
    /** Times handles against spec.handleTimeout, or null when the spec has none. */
    private final HandleTimeout handleTimeout;
    /** The probes' thread, or null; interrupted when the run cleans up. Run's thread only. */
    private Thread prober;
    /** Counted down by the reaper when it has settled every message it took; set before the takeover. */
    private volatile CountDownLatch reaped;
    /** Run's thread only: when the last handle ended, or 0 if the thread waited since. */
    private long lastEnd;
    /** Watchdog thread only: the callback start it last warned about. */
    private long warnedStart;

    // Guarded by this.
    private Stage stage = Stage.LOOP;
    private Throwable crash;
    private Future<?> stopTimer;

    ContainerRun(LiveContainer container, String threadName) {
        this.container = container;
        this.lease = container.lease();
        this.thread = container.runtime.newRunThread(container.spec.executor(), threadName, this);
        ClassLoader classes = lease.contextClassLoader();
        if (classes != null) {
            // An image's worker runs with its image's loader, as its libraries expect; the thread ends with the run.
            thread.setContextClassLoader(classes);
        }
        this.timers = new RunTimers(container);
        this.outcomes = container.outcomes;
        this.replies = new PendingReplies(outcomes);
        this.context = new RunContext(container, this, timers);
        this.handleTimeout = HandleTimeout.of(container);
    }

    @Override
    public void run() {
        try {
            Throwable failure = null;
            try {
                if (initialized()) {
                    worker = lease.newWorker();
                    long start = enter(0);
                    try {
                        worker.start(context);
                    } catch (Throwable t) {
                        leave(start, false);
                        throw t;
                    }
                    startReturned = true;
                    if (leave(start, false)) {
                        if (container.started(this) && Prober.wanted(container.spec)) {
                            prober = Prober.start(container, this, worker, context);
                        }
                        loop();
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
            cleanUp(failure);
        } finally {
            if (lease.contextClassLoader() != null) {
                // An ended container may be kept (failed, succeeded): its thread must not keep the image loaded.
                Thread.currentThread().setContextClassLoader(ContainerRun.class.getClassLoader());
            }
            container.runtime.runFinished(this);
        }
    }

    /**
     * Run the init workers not yet run (as one callback, so the grace period can interrupt
     * them); whether the main worker may start (they succeeded and no stop or exit came meanwhile).
     */
    private boolean initialized() throws Exception {
        if (container.health.initDone() >= container.spec.initWorkers().size()) {
            return true;
        }
        long start = enter(0);
        try {
            new InitRunner(container).runRemaining();
        } catch (Throwable t) {
            leave(start, false);
            throw t;
        }
        return leave(start, false) && container.current(this);
    }

    /**
     * Take and handle messages until the mailbox is closed and settled: in bursts of up to
     * {@link RuntimeConfig#throughput()} messages, after which a virtual thread yields its
     * carrier (so producers and other containers on it run; a platform thread needs no yield,
     * the OS preempts it), and parking only when the mailbox is empty.
     */
    private void loop() {
        Mailbox mailbox = container.mailbox;
        int throughput = thread.isVirtual() ? container.runtime.config().throughput() : Integer.MAX_VALUE;
        int burst = 0;
        while (true) {
            Envelope e = mailbox.poll();
            if (e != null) {
                if (!handle(e) || container.drain.pastDeadline()) {
                    return;
                }
                if (++burst >= throughput) {
                    burst = 0;
                    lastEnd = 0; // the next handle starts after the yield, not where this one ended
                    Thread.yield();
                }
                continue;
            }
            burst = 0;
            if (mailbox.isClosed()) {
                lastEnd = 0;
                if (mailbox.queued() != 0) {
                    Thread.onSpinWait(); // a sender reserved a slot and is still linking its message
                } else if (replies.isEmpty() || container.drain.pastDeadline()) {
                    return;
                } else {
                    replies.awaitSome(container.drain.deadline());
                }
            } else {
                lastEnd = 0;
                mailbox.await();
            }
        }
    }

    /** Handle one message; whether the run still owns the mailbox (the grace period did not end meanwhile). */
    private boolean handle(Envelope e) {
        if (e.tickSource() instanceof ContainerTimer timer) {
            timer.taken();
        }
        long start = enter(lastEnd);
        Object result = null;
        Throwable thrown = null;
        if (handleTimeout != null) {
            handleTimeout.begin(e);
        }
        try {
            result = worker.handle(e, context);
        } catch (Throwable t) {
            thrown = t;
        }
        boolean owned = leave(start, true);
        if (handleTimeout != null && !handleTimeout.end(e)) {
            // The watchdog failed it with HandleTimeoutException already.
            if (thrown instanceof Error error) {
                throw error;
            }
        } else if (thrown != null) {
            thrown = lease.explain(thrown, e.payload(), container.address);
            outcomes.failed(e, thrown, lastEnd);
            if (thrown instanceof Error error) {
                throw error;
            }
        } else if (result instanceof CompletionStage<?> stage) {
            replies.track(e, stage);
        } else {
            outcomes.handled(e, result, lastEnd);
        }
        return owned;
    }

    /**
     * A worker callback begins: publish its start for the watchdog and the grace timer. When
     * the previous handle ended just before ({@code previousEnd}, no wait in between), its end
     * time is this start, which saves a clock read per message under load.
     */
    private long enter(long previousEnd) {
        long now = previousEnd != 0 ? previousEnd : System.nanoTime();
        if (now == IDLE || now == REAPED) {
            now++;
        }
        HANDLE_START.setRelease(this, now);
        return now;
    }

    /**
     * The callback that began at {@code start} returned: clear an interrupt it left set (the
     * "restore the interrupt" idiom; the runtime's own parking would return at once and spin),
     * count its time, and say whether the run still owns the mailbox.
     */
    private boolean leave(long start, boolean handle) {
        Thread.interrupted();
        if (handle) {
            long end = System.nanoTime();
            lastEnd = end;
            container.counters.handleTime(end - start);
        }
        return HANDLE_START.compareAndSet(this, start, IDLE);
    }

    private void cleanUp(Throwable failure) {
        synchronized (this) {
            stage = Stage.CLEANUP;
            crash = failure;
        }
        if (prober != null) {
            prober.interrupt();
        }
        // An interrupt meant for a handler that overran its grace period must not hit stop().
        Thread.interrupted();
        try {
            if (failure != null) {
                container.notReady();
            }
            String reason = container.leftoverReason(failure);
            if (handleStart == REAPED) {
                awaitReaper();
            }
            failLeftovers(reason);
            timers.cancelAll();
            replies.abandon(reason);
            if (startReturned) {
                // Also after a crash in a handler, so what start opened is released on every
                // cycle of a crash loop; not after a crash in start itself.
                stopWorker();
            }
        } finally {
            worker = null;
            finish();
        }
    }

    /** Close the mailbox and settle every message still in it as terminated; only the mailbox's owner. */
    private void failLeftovers(String reason) {
        Mailbox mailbox = container.mailbox;
        mailbox.close();
        for (Envelope e = mailbox.pollRemaining(); e != null; e = mailbox.pollRemaining()) {
            outcomes.terminated(e, reason);
        }
    }

    private void awaitReaper() {
        CountDownLatch done = reaped;
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Run the worker's stop, bounded by the container's stop deadline. */
    private void stopWorker() {
        synchronized (this) {
            stage = Stage.STOP;
            stopTimer = container.runtime.scheduleLifecycle(this::stopOverran, container.stopBudget());
        }
        try {
            worker.stop(context);
        } catch (Throwable t) {
            // Worker.stop's contract: logged and counted; the container stops anyway.
            container.counters.error("stop failed: " + t);
            container.log().warn("worker stop failed: {}", t.toString(), t);
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * The drain deadline moved (a stop shortened it): a stop already running gets the new
     * deadline. Called with the container's lock held.
     */
    synchronized void deadlineMoved() {
        if (stage == Stage.STOP && stopTimer != null && stopTimer.cancel(false)) {
            stopTimer = container.runtime.scheduleLifecycle(this::stopOverran, container.stopBudget());
        }
    }

    /** The run's thread is done: the container decides what follows, unless the runtime ended the run already. */
    private void finish() {
        Throwable failure;
        synchronized (this) {
            if (stage == Stage.DONE) {
                return; // ended at its stop deadline (stopOverran)
            }
            stage = Stage.DONE;
            if (stopTimer != null) {
                stopTimer.cancel(false);
            }
            failure = crash;
        }
        container.runEnded(this, failure);
    }

    /**
     * The stop deadline passed while the worker's stop still runs: interrupt it and end the run
     * without it, so the container (and the runtime's close) never waits longer than its grace
     * period. Lifecycle thread; the ending runs on a helper thread, since it completes futures
     * whose dependent stages are callers' code.
     */
    private void stopOverran() {
        Throwable failure;
        synchronized (this) {
            if (stage != Stage.STOP) {
                return;
            }
            stage = Stage.DONE;
            thread.interrupt();
            failure = crash;
        }
        container.log().warn("container {}: stop() did not return within the grace period; it was interrupted and"
                + " the container ends without waiting for it", container.key);
        container.runtime.startHelper("end", container, () -> container.runEnded(this, failure));
    }

    /**
     * The grace period is over: interrupt the start or handler still running and, if one is,
     * take the mailbox from it and settle every message waiting there as terminated on a helper
     * thread, even if the callback never returns. Lifecycle thread.
     */
    void graceOver() {
        synchronized (this) {
            if (stage != Stage.LOOP) {
                return;
            }
            thread.interrupt();
        }
        long start = handleStart;
        if (start == IDLE || start == REAPED) {
            return; // between messages: the run's thread sees the deadline itself
        }
        CountDownLatch done = new CountDownLatch(1);
        reaped = done;
        if (!HANDLE_START.compareAndSet(this, start, REAPED)) {
            return; // the callback returned meanwhile
        }
        String reason = container.leftoverReason(null);
        container.runtime.startHelper("reap", container, () -> {
            try {
                failLeftovers(reason);
            } finally {
                done.countDown();
            }
        });
    }

    /**
     * Count and report the current callback if it has held its virtual thread's carrier for
     * {@code thresholdNanos} or more: once per callback. Watchdog thread.
     */
    void checkCarrier(long now, long thresholdNanos) {
        long start = handleStart;
        if (start == IDLE || start == REAPED || start == warnedStart || now - start < thresholdNanos
                || !thread.isVirtual() || thread.getState() != Thread.State.RUNNABLE) {
            return;
        }
        warnedStart = start;
        container.counters.longHandle();
        container.log().warn("container {}: a worker callback has held its carrier thread for {} ms: virtual"
                + " threads are not preempted, so other containers wait for a free carrier. Give CPU-bound work"
                + " its own thread (spec.executor: platform) or split it into shorter messages",
                container.key, Duration.ofNanos(now - start).toMillis());
    }

    /** Fail and kill a handle that ran past spec.handleTimeout (see {@link HandleTimeout}). Watchdog thread. */
    void checkHandleTimeout(long now) {
        long start = handleStart;
        if (handleTimeout != null && start != IDLE && start != REAPED) {
            handleTimeout.check(this, start, now);
        }
    }

    /** Interrupt the worker callback running now, if any, as a first step of killing the run. Any thread. */
    synchronized void interruptCallback() {
        long start = handleStart;
        if (stage == Stage.LOOP && start != IDLE && start != REAPED) {
            thread.interrupt();
        }
    }

    LiveContainer container() {
        return container;
    }

    /** Messages whose reply stage has not completed; any thread. */
    int pendingReplies() {
        return replies.size();
    }

    /** Live timers of this run; for tests. */
    int timers() {
        return timers.size();
    }
}
