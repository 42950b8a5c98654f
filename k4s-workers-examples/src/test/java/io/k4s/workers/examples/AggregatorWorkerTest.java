package io.k4s.workers.examples;

import static io.k4s.workers.examples.TestMessage.request;
import static io.k4s.workers.examples.TestMessage.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.InvalidParamException;
import io.k4s.api.MailboxFullException;
import io.k4s.workers.examples.FakeWorkerContext.FakeTimer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatorWorkerTest {

    private static AggregatorWorker started(FakeWorkerContext context) {
        AggregatorWorker worker = new AggregatorWorker();
        worker.start(context);
        return worker;
    }

    private static Map<?, ?> stats(AggregatorWorker worker, FakeWorkerContext context) {
        return (Map<?, ?>) worker.handle(request("stats"), context);
    }

    @Test
    void defaults_batchOfTenNoWindowKeepTen() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of());
        AggregatorWorker worker = started(context);
        assertEquals(List.of(), context.timers(), "no window, no timer");

        for (int i = 1; i <= 9; i++) {
            assertEquals(i, worker.handle(request(i), context), "reply is the pending count");
        }
        assertEquals(0L, stats(worker, context).get("batches"));
        assertEquals(0, worker.handle(send(10), context), "the tenth item completes the batch");
        assertEquals(1L, stats(worker, context).get("batches"));

        for (int i = 0; i < 12 * 10; i++) {
            worker.handle(send(i), context);
        }
        List<?> kept = (List<?>) stats(worker, context).get("lastBatches");
        assertEquals(10, kept.size(), "keeps the last 10 of 13 batches");
    }

    @Test
    void fullBatch_isSummarizedAndForwarded() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0",
                Map.of("batchSize", 3, "forwardTo", "service/sink"));
        AggregatorWorker worker = started(context);

        worker.handle(send(1), context);
        worker.handle(send("2"), context);
        assertEquals(List.of(), context.sent(), "not full yet");
        worker.handle(send(6L), context);

        assertEquals(1, context.sent().size());
        assertEquals(Address.service("sink"), context.sent().getFirst().to());
        assertEquals(Map.of("count", 3, "items", List.of(1, "2", 6L), "sum", 9L, "min", 1L, "max", 6L,
                "mean", 3.0), context.sentPayloads().getFirst());
    }

    @Test
    void decimalItems_giveDoubleSumMinMax() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("batchSize", 3));
        AggregatorWorker worker = started(context);
        worker.handle(send(1.5), context);
        worker.handle(send(" -2 "), context);
        worker.handle(send("4.5e0"), context);

        Map<?, ?> batch = (Map<?, ?>) ((List<?>) stats(worker, context).get("lastBatches")).getFirst();
        assertEquals(4.0, batch.get("sum"));
        assertEquals(-2.0, batch.get("min"));
        assertEquals(4.5, batch.get("max"));
        assertEquals(4.0 / 3, (double) batch.get("mean"), 1e-12);
    }

    @Test
    void nonNumericItems_giveCountAndItemsOnly() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("batchSize", 3));
        AggregatorWorker worker = started(context);
        worker.handle(send(1), context);
        worker.handle(send("two"), context);
        worker.handle(send(Double.NaN), context);

        Map<?, ?> batch = (Map<?, ?>) worker.handle(request("flush"), context);
        assertNull(batch, "the full batch was already emitted; nothing pending");
        batch = (Map<?, ?>) ((List<?>) stats(worker, context).get("lastBatches")).getFirst();
        assertEquals(3, batch.get("count"));
        assertEquals(List.of("count", "items"), List.copyOf(batch.keySet()));
    }

    @Test
    void longSumThatOverflows_isADouble() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("batchSize", 2));
        AggregatorWorker worker = started(context);
        worker.handle(send(Long.MAX_VALUE), context);
        worker.handle(send(Long.MAX_VALUE), context);

        Map<?, ?> batch = (Map<?, ?>) ((List<?>) stats(worker, context).get("lastBatches")).getFirst();
        assertEquals(2.0 * Long.MAX_VALUE, batch.get("sum"));
        assertEquals(Long.MAX_VALUE, batch.get("max"));
    }

    @Test
    void windowTick_flushesANonEmptyBatchOnly() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0",
                Map.of("batchSize", 100, "window", "500ms", "forwardTo", "container/sink-0"));
        AggregatorWorker worker = started(context);
        FakeTimer window = context.onlyTimer();
        assertEquals(Duration.ofMillis(500), window.period());
        assertTrue(window.repeating());

        assertNull(worker.handle(window.tick(), context));
        assertEquals(List.of(), context.sent(), "an empty window emits nothing");

        worker.handle(send("a"), context);
        worker.handle(send("b"), context);
        worker.handle(window.tick(), context);
        assertEquals(List.of(Map.of("count", 2, "items", List.of("a", "b"))), context.sentPayloads());
        assertEquals(Address.container("sink-0"), context.sent().getFirst().to());

        worker.handle(window.tick(), context);
        assertEquals(1, context.sent().size(), "the next window is empty again");
        assertEquals(0, stats(worker, context).get("pending"));
    }

    @Test
    void sizeAndWindow_together() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("batchSize", 2, "window", "1s"));
        AggregatorWorker worker = started(context);
        worker.handle(send(1), context);
        worker.handle(send(2), context);
        worker.handle(send(3), context);
        worker.handle(context.onlyTimer().tick(), context);

        List<?> batches = (List<?>) stats(worker, context).get("lastBatches");
        assertEquals(List.of(List.of(1, 2), List.of(3)),
                batches.stream().map(b -> ((Map<?, ?>) b).get("items")).toList());
    }

    @Test
    void stats_reportsBatchesPendingReceivedAndTheLastBatches() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("batchSize", 2, "keep", 2));
        AggregatorWorker worker = started(context);
        for (int i = 1; i <= 7; i++) {
            worker.handle(send(i), context);
        }

        Map<?, ?> stats = stats(worker, context);
        assertEquals(List.of("batches", "pending", "received", "lastBatches"), List.copyOf(stats.keySet()));
        assertEquals(3L, stats.get("batches"));
        assertEquals(1, stats.get("pending"));
        assertEquals(7L, stats.get("received"));
        assertEquals(List.of(List.of(3, 4), List.of(5, 6)), ((List<?>) stats.get("lastBatches")).stream()
                .map(b -> ((Map<?, ?>) b).get("items")).toList(), "oldest first, only the last 2");
    }

    @Test
    void keepZero_keepsNoBatches() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("batchSize", 1, "keep", 0));
        AggregatorWorker worker = started(context);
        worker.handle(send("x"), context);

        assertEquals(1L, stats(worker, context).get("batches"));
        assertEquals(List.of(), stats(worker, context).get("lastBatches"));
    }

    @Test
    void flushRequest_emitsNowAndReturnsTheBatch() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("forwardTo", "service/sink"));
        AggregatorWorker worker = started(context);
        assertNull(worker.handle(request("flush"), context), "nothing pending");

        worker.handle(send(5), context);
        Object batch = worker.handle(request("flush"), context);

        assertEquals(Map.of("count", 1, "items", List.of(5), "sum", 5L, "min", 5L, "max", 5L, "mean", 5.0), batch);
        assertEquals(List.of(batch), context.sentPayloads());
    }

    @Test
    void commandWordsSentWithoutReply_areItems() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of());
        AggregatorWorker worker = started(context);
        worker.handle(send("stats"), context);
        worker.handle(send("flush"), context);

        assertEquals(2, stats(worker, context).get("pending"));
    }

    @Test
    void batches_areUnmodifiable() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("batchSize", 1));
        AggregatorWorker worker = started(context);
        worker.handle(send("x"), context);
        Map<?, ?> stats = stats(worker, context);

        assertThrows(UnsupportedOperationException.class, () -> stats.remove("pending"));
        Map<?, ?> batch = (Map<?, ?>) ((List<?>) stats.get("lastBatches")).getFirst();
        assertThrows(UnsupportedOperationException.class, () -> batch.remove("count"));
    }

    @Test
    void failedForward_propagatesButTheBatchIsCounted() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("batchSize", 1, "forwardTo", "service/sink"));
        AggregatorWorker worker = started(context);
        context.refuseSends(to -> new MailboxFullException(Address.container("sink-0"), 10));

        assertThrows(MailboxFullException.class, () -> worker.handle(request("x"), context));
        assertEquals(1L, stats(worker, context).get("batches"));
        assertEquals(0, stats(worker, context).get("pending"));
    }

    @Test
    void stop_withForwardTo_emitsWhatIsPending() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of("forwardTo", "service/sink"));
        AggregatorWorker worker = started(context);
        worker.handle(send("late"), context);
        worker.stop(context);

        assertEquals(List.of(Map.of("count", 1, "items", List.of("late"))), context.sentPayloads());
    }

    @Test
    void stop_withoutForwardTo_sendsNothing() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of());
        AggregatorWorker worker = started(context);
        worker.handle(send("x"), context);
        worker.stop(context);

        assertEquals(List.of(), context.sent());
    }

    @Test
    void foreignTimerTick_isAnError() {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", Map.of());
        AggregatorWorker worker = started(context);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> worker.handle(TestMessage.tick("other"), context));
        assertTrue(e.getMessage().contains("agg-0"), e.getMessage());
    }

    @Test
    void badParams_failStartNamingTheParam() {
        assertParamError("batchSize", Map.of("batchSize", 0), "at least 1, got 0");
        assertParamError("batchSize", Map.of("batchSize", "ten"), "expected an integer, got \"ten\"");
        assertParamError("window", Map.of("window", "0s"), "positive duration");
        assertParamError("window", Map.of("window", "soon"), "expected a duration");
        assertParamError("keep", Map.of("keep", -1), "at least 0, got -1");
        assertParamError("forwardTo", Map.of("forwardTo", "sink"), "invalid address");
        assertParamError("batchsize", Map.of("batchsize", 5), "unknown parameter for worker aggregator");
    }

    private static void assertParamError(String param, Map<String, ?> params, String expected) {
        FakeWorkerContext context = new FakeWorkerContext("agg-0", params);
        InvalidParamException e = assertThrows(InvalidParamException.class, () -> started(context));
        assertEquals(param, e.param());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(context.timers().stream().anyMatch(t -> !t.cancelled()), "no timer left running");
    }
}
