package io.k4s.transport.nats;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The worker the NATS tests run on each node: counts what it handles (per container), answers a
 * request with its payload, except {@code "who"} (answers the container's name), {@code "fail"}
 * (throws), and {@code "sleep:MILLIS"} (sleeps first, then answers {@code "slept"}).
 */
@WorkerType("node-echo")
public final class NodeWorker implements Worker {

    /** Container name -> messages handled. */
    static final Map<String, LongAdder> HANDLED = new ConcurrentHashMap<>();

    static long handled(String container) {
        LongAdder n = HANDLED.get(container);
        return n == null ? 0 : n.sum();
    }

    @Override
    public Object handle(Message message, WorkerContext context) throws Exception {
        HANDLED.computeIfAbsent(context.containerName(), k -> new LongAdder()).increment();
        Object payload = message.payload();
        if ("who".equals(payload)) {
            return context.containerName();
        }
        if ("fail".equals(payload)) {
            throw new IllegalStateException("asked to fail");
        }
        if (payload instanceof String s && s.startsWith("sleep:")) {
            Thread.sleep(Long.parseLong(s.substring("sleep:".length()))); // the work this message asks for
            return "slept";
        }
        return payload;
    }
}
