package io.k4s.demo;

import io.k4s.api.Address;
import java.util.List;
import java.util.Map;

/** The demos about message flows: pipeline, batch aggregation and periodic generation. Stateless. */
final class FlowDemos {

    private FlowDemos() {}

    static void pipeline(Stage s) {
        s.say("""
                Three stages talk through services: a generator sends "order 1".."order 20" every
                100ms to service/processor; two processors upper-case each order and forward it to
                service/aggregator, which emits a batch every 5 items.""");
        s.apply("demos/pipeline.yaml");
        showBatches(s, "container/aggregator", 4, "orders");
        Map<String, Object> generator = s.stats("container/generator");
        s.say("generator stats: " + Values.format(generator) + " (skipped: ticks when no processor was ready yet)");
        s.get("containers -o wide");
        s.say("(The aggregator's RECEIVED includes the stats requests this demo sent to watch it.)");
    }

    static void batchAggregation(Stage s) {
        s.say("""
                An aggregator closes a batch when it holds 10 items, or when its 500ms window timer
                fires with fewer waiting. We send the numbers 1..25 at once: two full batches close
                by size, the last 5 close by the window.""");
        s.apply("demos/batch-aggregation.yaml");
        s.command("send service/aggregator N    # for N = 1..25");
        for (int n = 1; n <= 25; n++) {
            s.cluster().messenger().send(Address.service("aggregator"), n);
        }
        List<Map<String, Object>> batches = showBatches(s, "service/aggregator", 3, "numbers");
        Map<String, Object> last = batches.get(batches.size() - 1);
        s.say("The last batch held " + last.get("count") + " items: it was closed by the window, not by size.");
    }

    static void periodicGeneration(Stage s) {
        s.say("""
                A generator runs on a container timer (every 200ms), not a sleeping loop: each tick
                is a message in its own mailbox. It sends "tick 1".."tick 10" to service/sink, an
                aggregator batching by 5, then cancels its timer.""");
        s.apply("demos/periodic-generation.yaml");
        showBatches(s, "service/sink", 2, "ticks");
        s.awaitAsking("the generator to report 10 sent", () -> ((Number) s.stats("container/generator").get("sent"))
                .longValue() >= 10);
        s.say("generator stats: " + Values.format(s.stats("container/generator")));
    }

    /**
     * Print each batch of the aggregator at {@code address} as it arrives, until {@code count}
     * batches have been emitted.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> showBatches(Stage s, String address, int count, String what) {
        s.say("Waiting for " + count + " batches of " + what + " (asking " + address + " for stats):");
        for (int b = 1; b <= count; b++) {
            int wanted = b;
            s.awaitAsking(address + " to report " + wanted + " batches",
                    () -> ((Number) s.stats(address).get("batches")).longValue() >= wanted);
            List<Map<String, Object>> last = (List<Map<String, Object>>) s.stats(address).get("lastBatches");
            Map<String, Object> batch = last.get(wanted - 1);
            StringBuilder line = new StringBuilder(String.format("  [%s] batch %d: count=%s", s.elapsed(), wanted,
                    batch.get("count")));
            if (batch.containsKey("sum")) {
                line.append(" sum=").append(batch.get("sum")).append(" min=").append(batch.get("min"))
                        .append(" max=").append(batch.get("max")).append(" mean=").append(batch.get("mean"));
            }
            line.append(" items=").append(Values.format(batch.get("items")));
            s.say(line.toString());
        }
        return (List<Map<String, Object>>) s.stats(address).get("lastBatches");
    }
}
