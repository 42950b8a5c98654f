package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.MailboxFullException;
import io.k4s.api.RateLimitedException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** resources.maxHandleRate refuses what comes faster, as an overload, and queues nothing of it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void messagesOverTheRate_areRefusedAsOverload_andNeverQueued() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: Container
                    metadata: {name: limited}
                    spec: {worker: probed, resources: {maxHandleRate: 1}}
                    """);
            cluster.await(WAIT, "limited is ready", () -> cluster.resources().get(Container.class, "default",
                    "limited").map(c -> c.status().ready()).orElse(false));
            List<CompletableFuture<Object>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                replies.add(cluster.messenger().request(Address.container("limited"), "who", WAIT));
            }
            int answered = 0;
            int refused = 0;
            for (CompletableFuture<Object> r : replies) {
                try {
                    assertEquals("limited", r.join());
                    answered++;
                } catch (CompletionException e) {
                    RateLimitedException limited = assertInstanceOf(RateLimitedException.class, e.getCause());
                    assertInstanceOf(MailboxFullException.class, limited, "an overload, as a full mailbox");
                    assertEquals(1.0, limited.maxHandleRate());
                    assertTrue(limited.getMessage().contains("resources.maxHandleRate"), limited.getMessage());
                    refused++;
                }
            }
            assertTrue(answered >= 1, "the first message is admitted");
            assertTrue(refused >= 1, "a burst of 50 at 1 message a second is refused in part");
            long received = cluster.runtime().state(ResourceKey.of("limited")).orElseThrow().counters().received();
            assertEquals(answered, received, "refused messages never reached the mailbox");
            assertEquals(ContainerStatus.class, cluster.resources().get(Container.class, "default", "limited")
                    .orElseThrow().status().getClass());
        }
    }
}
