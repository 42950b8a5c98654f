package io.k4s.core.runtime;

import io.k4s.api.Timer;
import java.util.concurrent.ScheduledFuture;

/** A timer of one container run; cancelled by the worker or when the run ends. */
final class ContainerTimer implements Timer {

    private volatile ScheduledFuture<?> task;
    private volatile boolean cancelled;

    void attach(ScheduledFuture<?> task) {
        this.task = task;
        if (cancelled) {
            task.cancel(false);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }
}
