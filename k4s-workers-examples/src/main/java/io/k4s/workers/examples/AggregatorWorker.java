package io.k4s.workers.examples;

import io.k4s.api.Address;
import io.k4s.api.Message;
import io.k4s.api.Params;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collect payloads into batches by size and by time, summarize each batch, and forward it.
 *
 * <p>Parameters ({@code spec.params}):
 * <table>
 * <caption>aggregator parameters</caption>
 * <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code batchSize}</td><td>int &ge; 1</td><td>10</td>
 *     <td>a batch is emitted as soon as it holds this many items</td></tr>
 * <tr><td>{@code window}</td><td>duration</td><td>none</td>
 *     <td>when set, a timer every {@code window} emits the pending batch if it is not
 *     empty</td></tr>
 * <tr><td>{@code forwardTo}</td><td>address</td><td>none</td>
 *     <td>where to {@code send} each emitted batch</td></tr>
 * <tr><td>{@code keep}</td><td>int &ge; 0</td><td>10</td>
 *     <td>how many of the most recent batches {@code stats} reports</td></tr>
 * </table>
 *
 * <p>A batch is an unmodifiable {@code Map}: {@code count} (Integer), {@code items} (List), and,
 * when every item is a number (a {@link Number} or a numeric text such as {@code "4.5"}),
 * {@code sum}, {@code min}, {@code max} (Long when every item is integral, else Double) and
 * {@code mean} (Double).
 *
 * <p>Messages: a request whose payload is exactly {@code "stats"} returns {@code {batches
 * (emitted so far), pending (items waiting), received (items ever added), lastBatches (oldest
 * first)}}; a request {@code "flush"} emits the pending batch now and returns it, or
 * {@code null} when nothing is pending. Any other message, request or not, is an item: it is
 * added and the reply is the number of items now pending. When the container stops with items
 * pending and {@code forwardTo} set, they are emitted as a last batch. If forwarding fails, the
 * exception propagates (the batch is still counted and kept).
 *
 * <p>An instance belongs to one container and is called only on that container's thread.
 */
@WorkerType(value = "aggregator",
        description = "Batch payloads by size and/or time window; summarize and forward each batch.")
public final class AggregatorWorker implements Worker {

    /** The tick of the window timer. */
    private enum Tick { WINDOW }

    private int batchSize;
    private Address forwardTo;
    private int keep;
    private final List<Object> pending = new ArrayList<>();
    private final Deque<Map<String, Object>> lastBatches = new ArrayDeque<>();
    private long batches;
    private long received;

    /** Create an aggregator worker; k4s calls this once per container. */
    public AggregatorWorker() {
    }

    /** Read and validate the parameters and start the window timer if a window is set. */
    @Override
    public void start(WorkerContext context) {
        Params params = context.params();
        ParamRules.requireOnly(params, "aggregator", "batchSize", "window", "forwardTo", "keep");
        batchSize = ParamRules.atLeast(params, "batchSize", 10, 1);
        Duration window = ParamRules.positive(params, "window", null);
        forwardTo = ParamRules.address(params, "forwardTo");
        keep = ParamRules.atLeast(params, "keep", 10, 0);
        if (window != null) {
            context.every(window, Tick.WINDOW);
        }
    }

    /** Answer {@code stats} and {@code flush} requests, emit on window ticks, batch everything else. */
    @Override
    public Object handle(Message message, WorkerContext context) {
        if (message.timer()) {
            if (message.payload() != Tick.WINDOW) {
                throw new IllegalStateException("aggregator " + context.containerName()
                        + " received a timer tick it never scheduled: " + message.payload());
            }
            return pending.isEmpty() ? null : emit(context);
        }
        if (message.replyExpected() && "stats".equals(message.payload())) {
            return stats();
        }
        if (message.replyExpected() && "flush".equals(message.payload())) {
            return pending.isEmpty() ? null : emit(context);
        }
        pending.add(message.payload());
        received++;
        if (pending.size() >= batchSize) {
            emit(context);
        }
        return pending.size();
    }

    /** Emit what is pending when there is somewhere to send it, so items are not lost on stop. */
    @Override
    public void stop(WorkerContext context) {
        if (forwardTo != null && !pending.isEmpty()) {
            context.log().info("emitting {} pending items to {} before stopping", pending.size(), forwardTo);
            emit(context);
        }
    }

    private Map<String, Object> emit(WorkerContext context) {
        Map<String, Object> batch = summarize(pending);
        pending.clear();
        batches++;
        if (keep > 0) {
            lastBatches.addLast(batch);
            while (lastBatches.size() > keep) {
                lastBatches.removeFirst();
            }
        }
        if (forwardTo != null) {
            context.messenger().send(forwardTo, batch);
        }
        return batch;
    }

    private Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("batches", batches);
        stats.put("pending", pending.size());
        stats.put("received", received);
        stats.put("lastBatches", List.copyOf(lastBatches));
        return Collections.unmodifiableMap(stats);
    }

    /** Summarize {@code items}: count and items, plus sum, min, max and mean when all are numbers. */
    private static Map<String, Object> summarize(List<Object> items) {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("count", items.size());
        batch.put("items", Collections.unmodifiableList(new ArrayList<>(items)));
        List<Number> numbers = new ArrayList<>(items.size());
        for (Object item : items) {
            Number n = Numbers.read(item).orElse(null);
            if (n == null) {
                return Collections.unmodifiableMap(batch);
            }
            numbers.add(n);
        }
        if (!numbers.isEmpty()) {
            batch.putAll(NumericSummary.of(numbers).asMap());
        }
        return Collections.unmodifiableMap(batch);
    }
}
