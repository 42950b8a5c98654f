package io.k4s.core.runtime;

import io.k4s.api.runtime.RuntimeEvent;
import java.util.ArrayDeque;

/**
 * Hand one container's runtime events to the listeners in the order its state changed, never
 * while holding the container's lock.
 *
 * <p>The container {@linkplain #add adds} an event while it holds its lock (so the order is the
 * order of the state changes), then calls {@link #deliver()} after releasing it. Whichever
 * thread is delivering also delivers what other threads add meanwhile.
 */
final class EventSequence {

    private final VirtualThreadRuntime runtime;
    /** Guarded by this; created when needed. */
    private ArrayDeque<RuntimeEvent> queued;
    private boolean delivering;

    EventSequence(VirtualThreadRuntime runtime) {
        this.runtime = runtime;
    }

    synchronized void add(RuntimeEvent event) {
        if (queued == null) {
            queued = new ArrayDeque<>(4);
        }
        queued.add(event);
    }

    /** Deliver queued events unless another thread is doing so; call without holding the container's lock. */
    void deliver() {
        synchronized (this) {
            if (delivering) {
                return;
            }
            delivering = true;
        }
        while (true) {
            RuntimeEvent next;
            synchronized (this) {
                next = queued == null ? null : queued.poll();
                if (next == null) {
                    queued = null;
                    delivering = false;
                    return;
                }
            }
            runtime.emit(next);
        }
    }
}
