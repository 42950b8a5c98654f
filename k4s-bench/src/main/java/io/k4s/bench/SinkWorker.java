package io.k4s.bench;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.util.Map;

/**
 * Count every message into the {@link DeliveryCounter} named by the param {@code counter} and
 * reply with nothing: the consumer of the fire-and-forget and pipeline benchmarks.
 *
 * <p>A payload that is a batch from the {@code aggregator} worker (a map with an integer
 * {@code count}) counts as that many deliveries; anything else counts as one. Called only on its
 * container's thread, like every worker.
 */
@WorkerType(value = "bench-sink", description = "Count messages into a named benchmark counter.")
public final class SinkWorker implements Worker {

    private DeliveryCounter counter;

    /** Create a sink; the hosting system calls this once per container. */
    public SinkWorker() {
    }

    /** Look up the counter named by the required param {@code counter}. */
    @Override
    public void start(WorkerContext context) {
        counter = DeliveryCounter.named(context.params().string("counter"));
    }

    /** Count the message; reply with nothing. */
    @Override
    public Object handle(Message message, WorkerContext context) {
        if (message.payload() instanceof Map<?, ?> batch && batch.get("count") instanceof Integer n) {
            counter.add(n);
        } else {
            counter.add(1);
        }
        return null;
    }
}
