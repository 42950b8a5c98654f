package io.k4s.demo;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The worker the multi-node tests run: counts what each container handles (per JVM, by container
 * name), answers a request with its container's name, and {@code "sleep:MILLIS"} sleeps first.
 */
@WorkerType(value = "counting", description = "Test: count messages, reply with the container's name.")
public final class CountingWorker implements Worker {

    /** Container name -> messages handled in this JVM. */
    static final Map<String, LongAdder> HANDLED = new ConcurrentHashMap<>();

    /** Messages handled in this JVM by every container whose name starts with {@code prefix}. */
    static long handled(String prefix) {
        return HANDLED.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    @Override
    public Object handle(Message message, WorkerContext context) throws Exception {
        HANDLED.computeIfAbsent(context.containerName(), k -> new LongAdder()).increment();
        if (message.payload() instanceof String s && s.startsWith("sleep:")) {
            Thread.sleep(Long.parseLong(s.substring("sleep:".length()))); // the work this message asks for
        }
        return context.containerName();
    }
}
