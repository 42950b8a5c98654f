package io.k4s.core.control;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * Run one reconciler: its work queue and its worker threads, with retry, requeue and
 * last-error bookkeeping; while it is not active (a controller on a node that does not lead) it
 * drops the keys it is given. Thread-safe; {@link #start()} and {@link #shutDown()} are called by
 * the manager once each.
 *
 * <p>Worker threads are started on demand, up to {@code concurrency()}: one at start, and
 * another whenever the queue says a key waits with no worker waiting for it (the queue's
 * {@code starved} callback). A cluster that reconciles a handful of objects (a test's) so starts a handful of threads,
 * not the 64 the kubelet may use under a burst; once started, a worker lives until shutdown.
 */
final class ControllerLoop {

    private final Reconciler reconciler;
    private final String name;
    private final Class<? extends Resource> type;
    private final ResourceClient resources;
    private final ReconcileContext context;
    private final Logger log;
    private final WorkQueue<ResourceKey> queue;
    private final Map<ResourceKey, String> lastErrors = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;
    /** Whether keys are reconciled now: a controller's only while its node leads; dropped otherwise. */
    private final BooleanSupplier active;
    private final LongAdder reconciles = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder reconcileNanos = new LongAdder();

    ControllerLoop(Reconciler reconciler, ReconcileContext context, ScheduledExecutorService scheduler,
                   ControllerConfig config, BooleanSupplier active) {
        this.reconciler = reconciler;
        this.active = active;
        this.name = reconciler.name();
        this.type = reconciler.resourceType();
        this.resources = context.resources();
        this.context = context;
        this.log = context.log();
        this.queue = new WorkQueue<>(scheduler, config.baseBackoff(), config.maxBackoff(), this::addWorker);
    }

    String name() {
        return name;
    }

    Reconciler reconciler() {
        return reconciler;
    }

    /**
     * Start the first worker; the others start as keys pile up (see the class comment). Workers
     * are platform threads named {@code k4s-reconcile-NAME-i}: platform, so that workers keeping
     * every virtual-thread carrier busy cannot stop the control plane.
     */
    void start() {
        addWorker();
    }

    /** Start one more worker unless there are {@code concurrency()} or the loop is stopping. */
    private synchronized void addWorker() {
        int i = workers.size();
        if (stopping || i >= reconciler.concurrency()) {
            return;
        }
        workers.add(Thread.ofPlatform().name("k4s-reconcile-" + name + "-" + i).daemon(true).start(this::work));
    }

    void enqueue(ResourceKey key) {
        queue.add(key);
    }

    /** Queue every key of the reconciler's kind; called by the resync timer and after re-lists. */
    void resync() {
        for (Resource r : resources.list(type, null).items()) {
            queue.add(r.key());
        }
    }

    private void work() {
        while (true) {
            ResourceKey key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
                // Only shutDown() may end a worker thread: an interrupt from anywhere else
                // would silently stop this reconciler for good.
                log.warn("{}: worker thread {} was interrupted while waiting for a key; it goes on",
                        name, Thread.currentThread().getName());
                continue;
            }
            if (key == null) {
                return;
            }
            try {
                reconcileOnce(key);
            } finally {
                queue.done(key);
                clearInterrupt(key);
            }
        }
    }

    /**
     * Clear an interrupt flag a reconcile left set (the "restore the interrupt" idiom), which
     * would otherwise make the next {@link WorkQueue#take} throw; at shutdown the flag is ours.
     */
    private void clearInterrupt(ResourceKey key) {
        if (!stopping && Thread.interrupted()) {
            log.warn("{}: the reconcile of {} returned with its thread's interrupt flag set; cleared it."
                    + " A reconciler should not interrupt its own thread", name, key);
        }
    }

    private void reconcileOnce(ResourceKey key) {
        if (!active.getAsBoolean()) {
            // Another node leads and reconciles this key; becoming leader re-lists every key.
            queue.forget(key);
            return;
        }
        Result result;
        long started = System.nanoTime();
        try {
            result = reconciler.reconcile(key, context);
        } catch (Throwable e) {
            // A reconciler bug (any Error included) fails this key only: the worker thread
            // lives on, or a reconciler with concurrency 1 would stop for good.
            count(started);
            fail(key, e);
            return;
        }
        count(started);
        queue.forget(key);
        lastErrors.remove(key);
        if (result != null) {
            result.requeueDelay().ifPresent(delay -> queue.addAfter(key, delay));
        }
    }

    private void fail(ResourceKey key, Throwable e) {
        if (stopping && (e instanceof InterruptedException || Thread.currentThread().isInterrupted())) {
            log.debug("{}: reconcile of {} interrupted by shutdown", name, key, e);
            return;
        }
        if (e instanceof InterruptedException) {
            Thread.interrupted();
        }
        ConflictException conflict = conflictIn(e);
        if (conflict != null) {
            conflicts.increment();
            Duration delay = queue.addRateLimited(key);
            log.debug("{}: {} changed while it was reconciled, reading it again in {} ms: {}",
                    name, key, delay.toMillis(), conflict.getMessage());
            return;
        }
        String text = describe(e);
        failures.increment();
        lastErrors.put(key, text);
        Duration delay = queue.addRateLimited(key);
        if (e instanceof Exception) {
            log.warn("{} failed to reconcile {}: {}; retrying in {} ms", name, key, text, delay.toMillis());
            log.debug("stack trace of the failure to reconcile {} above", key, e);
        } else {
            log.error("{} failed to reconcile {} with an error (a bug in the reconciler): {}; retrying in {} ms",
                    name, key, text, delay.toMillis(), e);
        }
    }

    private static ConflictException conflictIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConflictException c) {
                return c;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    /** Stop handing out keys and cancel delayed adds; workers end after their current key. */
    void shutDown() {
        synchronized (this) {
            stopping = true; // under the lock: no worker starts after this returns
        }
        queue.shutDown();
    }

    /** Interrupt workers still busy in a reconcile. */
    synchronized void interrupt() {
        workers.forEach(Thread::interrupt);
    }

    /** The workers started so far (after {@link #shutDown()}, all there will be). */
    synchronized List<Thread> workers() {
        return List.copyOf(workers);
    }

    boolean idle() {
        return queue.idle();
    }

    private void count(long started) {
        reconcileNanos.add(System.nanoTime() - started);
        reconciles.increment();
    }

    /** What this loop did so far; cheap, read without locks. */
    ControllerStats stats() {
        return new ControllerStats(name, queue.size(), reconciles.sum(), failures.sum(), conflicts.sum(),
                reconcileNanos.sum());
    }

    Map<ResourceKey, String> lastErrors() {
        return Map.copyOf(lastErrors);
    }
}
