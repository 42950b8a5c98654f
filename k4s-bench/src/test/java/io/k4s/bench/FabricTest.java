package io.k4s.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k4s.api.Address;
import io.k4s.api.MailboxFullException;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.LoadBalancing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FabricTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Variant.class)
    void fireAndForget_everyMessageIsCountedOnce(Variant variant) {
        String counterName = "test-" + UUID.randomUUID();
        DeliveryCounter counter = DeliveryCounter.named(counterName);
        try (Fabric fabric = Fabric.start(variant, List.of(Stage.of("pool", "bench-sink", 4, LoadBalancing.RANDOM)
                .withParams(Map.of("counter", counterName)).withMailboxCapacity(16)))) {
            MailboxBackoff backoff = new MailboxBackoff();
            for (int i = 0; i < 2_000; i++) {
                backoff.send(fabric.messenger(), Address.service("pool"), i);
            }
            assertEquals(2_000, counter.awaitAtLeast(2_000, WAIT));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void request_repliesWithTheEchoedPayload_manyInFlight(Variant variant) {
        try (Fabric fabric = Fabric.start(variant, List.of(Stage.of("pool", "echo", 4, LoadBalancing.ROUND_ROBIN)))) {
            List<CompletableFuture<Object>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                replies.add(fabric.messenger().request(Address.service("pool"), "ping-" + i));
            }
            for (int i = 0; i < replies.size(); i++) {
                assertEquals("ping-" + i, replies.get(i).join());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void pipeline_deliversEveryItemToTheSinkInBatches(Variant variant) {
        String counterName = "test-" + UUID.randomUUID();
        DeliveryCounter counter = DeliveryCounter.named(counterName);
        try (Fabric fabric = Fabric.start(variant, List.of(
                Stage.of("sink", "bench-sink", 1, LoadBalancing.ROUND_ROBIN).withParams(Map.of("counter", counterName)),
                Stage.of("aggregate", "aggregator", 1, LoadBalancing.ROUND_ROBIN)
                        .withParams(Map.of("batchSize", 10, "keep", 0, "forwardTo", "service/sink")),
                Stage.of("upper", "processor", 2, LoadBalancing.ROUND_ROBIN)
                        .withParams(Map.of("operation", "upper", "forwardTo", "service/aggregate"))))) {
            for (int i = 0; i < 500; i++) {
                fabric.messenger().send(Address.service("upper"), "item");
            }
            assertEquals(500, counter.awaitAtLeast(500, WAIT));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"PEKKO", "JDK"})
    void baselineRequest_toAFailingWorker_failsWithWorkerFailed(Variant variant) {
        try (Fabric fabric = Fabric.start(variant, List.of(Stage.of("calc", "calculator", 1, LoadBalancing.RANDOM)))) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> fabric.messenger().request(Address.service("calc"), "2 +").join());
            assertEquals(WorkerFailedException.class, rootK4sCause(e).getClass());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"K4S", "JDK"})
    void boundedMailbox_refusesWhenFull_andTheBackoffCountsIt(Variant variant) {
        String counterName = "test-" + UUID.randomUUID();
        DeliveryCounter counter = DeliveryCounter.named(counterName);
        try (Fabric fabric = Fabric.start(variant, List.of(Stage.of("pool", "bench-sink", 1, LoadBalancing.RANDOM)
                .withParams(Map.of("counter", counterName)).withMailboxCapacity(1)))) {
            MailboxBackoff backoff = new MailboxBackoff();
            for (int i = 0; i < 500; i++) {
                backoff.send(fabric.messenger(), Address.service("pool"), i);
            }
            assertEquals(500, counter.awaitAtLeast(500, WAIT));
            assertEquals(true, backoff.mailboxFull > 0, "a mailbox of 1 must refuse some of 500 quick sends");
        }
    }

    private static Throwable rootK4sCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof WorkerFailedException) && !(c instanceof MailboxFullException)) {
            c = c.getCause();
        }
        return c;
    }
}
