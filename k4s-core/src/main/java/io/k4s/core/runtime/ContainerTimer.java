package io.k4s.core.runtime;

import io.k4s.api.Timer;
import io.k4s.core.messaging.Envelope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Future;

/**
 * A timer of one container run: sends its tick into the container's mailbox, at most one
 * waiting tick at a time, until it is cancelled by the worker or the run ends.
 *
 * <p>{@link #fire()} runs on the runtime's timer thread; {@link #taken()} on the container's
 * thread when it takes the tick; {@link #cancel()} on any thread.
 */
final class ContainerTimer implements Timer {

    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(ContainerTimer.class, "pending", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RunTimers owner;
    private final Object tick;
    private final boolean periodic;
    private volatile Future<?> task;
    private volatile boolean cancelled;
    /** Whether a tick of this timer is in the mailbox and not taken yet. */
    private volatile boolean pending;

    ContainerTimer(RunTimers owner, Object tick, boolean periodic) {
        this.owner = owner;
        this.tick = tick;
        this.periodic = periodic;
    }

    void attach(Future<?> task) {
        this.task = task;
        if (cancelled) {
            task.cancel(false);
        }
    }

    /**
     * The timer came due: put a tick into the mailbox unless one is still waiting there (then
     * the tick is coalesced with it and counted as dropped). Timer thread.
     */
    void fire() {
        if (cancelled) {
            return;
        }
        if (!periodic) {
            owner.fired(this);
        }
        if (!PENDING.compareAndSet(this, false, true)) {
            owner.container().counters.tickDropped();
            return;
        }
        LiveContainer c = owner.container();
        if (!c.inbox.accepting() || c.mailbox.tryOffer(Envelope.timerTick(c.address, tick, this)) != Mailbox.ACCEPTED) {
            // Full or closed: dropped, and the next tick may try again.
            c.counters.tickDropped();
            pending = false;
        }
    }

    /** The container took this timer's tick: the next one may be delivered. Container thread. */
    void taken() {
        pending = false;
    }

    @Override
    public void cancel() {
        cancelled = true;
        Future<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        owner.cancelled(this);
    }

    /** Cancel without telling the owner, which is dropping every timer. */
    void cancelQuietly() {
        cancelled = true;
        Future<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }
}
