package io.k4s.core.overload;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Take {@code spec.params.delay} (default 1 ms) per message, then reply with the payload: a
 * consumer far slower than any producer. Registered in the test services file.
 */
@WorkerType(value = "slow", description = "parks for spec.params.delay per message, then echoes")
public final class SlowWorker implements Worker {

    private long delayNanos;

    /** Created by ServiceLoader, one per container run. */
    public SlowWorker() {
    }

    @Override
    public void start(WorkerContext context) {
        delayNanos = context.params().duration("delay", Duration.ofMillis(1)).toNanos();
    }

    @Override
    public Object handle(Message message, WorkerContext context) {
        LockSupport.parkNanos(delayNanos);
        return message.payload();
    }
}
