package io.k4s.core.runtime;

import io.k4s.api.Address;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.DeadLetter;
import io.k4s.api.Messenger;
import io.k4s.api.Params;
import io.k4s.api.Timer;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.ResourceClient;
import io.k4s.core.messaging.Envelope;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;

/**
 * One run of a container: a fresh worker on its own virtual thread, from {@code start} through
 * its messages to {@code stop}. A restart is a new run. Also the worker's {@link WorkerContext}.
 *
 * <p>{@link #run()} executes on the run's thread; the context methods may be called from the
 * worker's thread and, for messaging, timers and {@link #exit()}, from any thread.
 */
final class ContainerRun implements WorkerContext, Runnable {

    private final LiveContainer container;
    final Thread thread;
    private Worker worker;
    /** Run's thread only: whether the worker's start returned, so its stop is owed. */
    private boolean startReturned;
    /** Guarded by this: whether the thread is still in start or the message loop (may be interrupted). */
    private boolean inLoop = true;
    private final RunTimers timers;

    ContainerRun(LiveContainer container, String threadName) {
        this.container = container;
        this.thread = Thread.ofVirtual().name(threadName).unstarted(this);
        this.timers = new RunTimers(container);
    }

    @Override
    public void run() {
        Throwable crash = null;
        try {
            worker = container.runtime.registry().newWorker(container.spec.worker());
            try {
                worker.start(this);
            } finally {
                clearInterrupt();
            }
            startReturned = true;
            container.started(this);
            loop();
        } catch (Throwable t) {
            crash = t;
        }
        leaveLoop();
        try {
            if (crash != null) {
                container.refuse();
            }
            Mailbox mailbox = container.mailbox;
            mailbox.close();
            String reason = container.leftoverReason(crash);
            for (Envelope e = mailbox.pollRemaining(); e != null; e = mailbox.pollRemaining()) {
                terminated(e, reason);
            }
            timers.cancelAll();
            if (startReturned) {
                // Also after a crash in a handler, so what start opened is released on every
                // cycle of a crash loop; not after a crash in start itself.
                stopWorker();
            }
        } finally {
            // Whatever happened above, the container must leave this run (restart or end).
            container.runEnded(crash);
        }
    }

    private void loop() {
        Mailbox mailbox = container.mailbox;
        while (true) {
            Envelope e = mailbox.poll();
            if (e != null) {
                handle(e);
                if (container.pastDrainDeadline()) {
                    return;
                }
            } else if (mailbox.isClosed()) {
                if (mailbox.queued() == 0) {
                    return;
                }
                Thread.onSpinWait();
            } else {
                mailbox.await();
            }
        }
    }

    private void handle(Envelope e) {
        if (e.tickSource() instanceof ContainerTimer timer) {
            timer.taken();
        }
        Object result;
        try {
            result = worker.handle(e, this);
        } catch (Throwable t) {
            clearInterrupt();
            failed(e, t);
            if (t instanceof Error error) {
                throw error;
            }
            return;
        }
        clearInterrupt();
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error == null) {
                    handled(e, value);
                } else {
                    failed(e, unwrap(error));
                }
            });
        } else {
            handled(e, result);
        }
    }

    private void handled(Envelope e, Object reply) {
        container.counters.processed();
        e.complete(reply);
    }

    /** The handler threw: fail the request, or record a dead letter for a fire-and-forget message. */
    private void failed(Envelope e, Throwable error) {
        container.counters.failed("message " + e.id() + " failed: " + error);
        if (e.replyExpected()) {
            e.fail(new WorkerFailedException(container.address, error));
        } else {
            deadLetter(e, "worker failed: " + error, error);
        }
    }

    /** A message still queued when the run ended. */
    private void terminated(Envelope e, String reason) {
        if (e.replyExpected()) {
            e.fail(new ContainerTerminatedException(container.address, reason));
        } else if (e.timer()) {
            container.counters.tickDropped();
        } else {
            deadLetter(e, "container terminated before the message was handled: " + reason, null);
        }
    }

    private void deadLetter(Envelope e, String reason, Throwable cause) {
        VirtualThreadRuntime runtime = container.runtime;
        runtime.router().deadLetters().record(new DeadLetter(container.address, e.sender().orElse(null),
                e.payload(), reason, cause, runtime.clock().instant()));
    }

    private static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                ? t.getCause() : t;
    }

    private void stopWorker() {
        try {
            worker.stop(this);
        } catch (Throwable t) {
            // Worker.stop's contract: logged and counted; the container stops anyway.
            container.stopFailed(t);
        } finally {
            clearInterrupt();
        }
    }

    /**
     * Clear an interrupt a worker callback left set (the "restore the interrupt" idiom): the
     * runtime's own parking would return at once for an interrupted thread and spin. An
     * interrupt from the grace timer is not lost by this: the loop checks the deadline itself
     * after every message.
     */
    private static void clearInterrupt() {
        Thread.interrupted();
    }

    /** Interrupt the thread if it is still starting or handling messages: its grace period is over. */
    synchronized void interruptIfInLoop() {
        if (inLoop) {
            thread.interrupt();
        }
    }

    private void leaveLoop() {
        synchronized (this) {
            inLoop = false;
        }
        // An interrupt meant for a handler that overran its grace period must not hit stop().
        Thread.interrupted();
    }

    // ---- WorkerContext ----

    @Override
    public String containerName() {
        return container.key.name();
    }

    @Override
    public String namespace() {
        return container.key.namespace();
    }

    @Override
    public Map<String, String> labels() {
        return container.resource.metadata().labels();
    }

    @Override
    public Params params() {
        return container.params;
    }

    @Override
    public Address self() {
        return container.address;
    }

    @Override
    public Messenger messenger() {
        return container.messenger();
    }

    @Override
    public ResourceClient resources() {
        return container.runtime.resources();
    }

    @Override
    public Logger log() {
        return container.log();
    }

    @Override
    public Timer every(Duration period, Object tick) {
        return timers.every(period, tick);
    }

    @Override
    public Timer after(Duration delay, Object tick) {
        return timers.after(delay, tick);
    }

    @Override
    public void exit() {
        container.beginExit(this);
    }

    @Override
    public String toString() {
        return "WorkerContext[" + container.address + "]";
    }
}
