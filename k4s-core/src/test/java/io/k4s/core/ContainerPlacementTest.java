package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.messaging.Router;
import io.k4s.core.messaging.RouterConfig;
import io.k4s.core.messaging.Transport;
import io.k4s.core.messaging.WireMessage;
import io.k4s.core.messaging.WireReply;
import io.k4s.core.store.InMemoryBackend;
import io.k4s.core.store.ResourceStore;
import io.k4s.core.wire.PayloadCodecs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The placement feed: Containers bound to other nodes become the router's remote endpoints. */
class ContainerPlacementTest {

    /** A transport at the seam: records what is sent where and answers every request with "pong from NODE". */
    static final class RecordingTransport implements Transport {
        final List<String> sentTo = new CopyOnWriteArrayList<>();
        final PayloadCodecs codecs = PayloadCodecs.of(ContainerPlacementTest.class.getClassLoader(), List.of());

        @Override
        public void start(String node, Inbound inbound) {}

        @Override
        public boolean connected() {
            return true;
        }

        @Override
        public void send(String node, WireMessage message) {
            sentTo.add(node + ":" + message.container());
        }

        @Override
        public CompletableFuture<WireReply> request(String node, WireMessage message, Duration timeout) {
            sentTo.add(node + ":" + message.container());
            return CompletableFuture.completedFuture(WireReply.of(codecs.encode(message.container(), "pong from " + node)));
        }

        @Override
        public void close() {}
    }

    private final ResourceStore store = new ResourceStore(new InMemoryBackend(), Clock.systemUTC(), 1000, 1000);
    private final Router router = new Router(RouterConfig.defaults());
    private final RecordingTransport transport = new RecordingTransport();
    private ContainerPlacement placement;

    @AfterEach
    void close() {
        if (placement != null) {
            placement.close();
        }
        router.close();
        store.close();
    }

    private void create(String name, String node) {
        store.create(Container.of(ObjectMeta.of("default", name), ContainerSpec.of("echo").withNodeName(node)));
    }

    @Test
    void containersBoundToOtherNodes_areRoutedThere_andForgottenWhenDeleted() {
        router.attach(transport, "b", transport.codecs);
        placement = new ContainerPlacement(store, router, "b");
        placement.start();
        ResourceKey calc = ResourceKey.of("default", "calc");
        router.updateEndpoints(calc, LoadBalancing.ROUND_ROBIN, List.of("calc-a", "calc-c"));
        ResourceKey own = ResourceKey.of("default", "own");
        router.updateEndpoints(own, LoadBalancing.ROUND_ROBIN, List.of("calc-b"));

        create("calc-a", "a");
        create("calc-c", "c");
        create("calc-b", "b"); // this node's own: left to the runtime, which registers it when it runs
        Await.until(() -> router.readyEndpoints(calc) == 2, "calc-a and calc-c to be routed to their nodes");
        assertEquals(0, router.readyEndpoints(own), "a container of this node is never routed through the transport");

        Map<Object, Long> replies = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) {
            replies.merge(Await.result(router.request(Address.service("calc"), "ping")), 1L, Long::sum);
        }
        assertEquals(Map.of("pong from a", 2L, "pong from c", 2L), replies);

        store.delete(Container.class, "default", "calc-a");
        Await.until(() -> router.readyEndpoints(calc) == 1, "calc-a to be forgotten once deleted");
    }
}
