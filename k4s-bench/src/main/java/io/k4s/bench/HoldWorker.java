package io.k4s.bench;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.util.concurrent.CountDownLatch;

/**
 * Hold the first message it gets until its container stops (the stop interrupts it), so that
 * its mailbox fills and stays full: the target of {@link RefusalBenchmark}.
 *
 * <p>Called only on its container's thread, like every worker.
 */
@WorkerType(value = "bench-hold", description = "Hold the first message until stopped, so the mailbox stays full.")
public final class HoldWorker implements Worker {

    /** Create a holder; the hosting system calls this once per container. */
    public HoldWorker() {
    }

    /** Wait until interrupted (the container stops), then let the interrupt end the handler. */
    @Override
    public Object handle(Message message, WorkerContext context) throws InterruptedException {
        new CountDownLatch(1).await();
        throw new IllegalStateException("a latch nobody counts down was released");
    }
}
