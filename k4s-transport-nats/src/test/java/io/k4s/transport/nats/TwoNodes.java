package io.k4s.transport.nats;

import io.k4s.api.Address;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import java.time.Duration;

/**
 * Two k4s clusters in this JVM, nodes {@code a} and {@code b}, each with its own store and a
 * {@link NatsTransport} to one nats-server. Without a shared store, node {@code b} learns where
 * {@code a}'s containers run through the router's location seam ({@link #locateOnA}), as the
 * placement feed does from {@code spec.nodeName} when the nodes share a store.
 */
final class TwoNodes implements AutoCloseable {

    final NatsTransport transportA;
    final NatsTransport transportB;
    final K4sCluster a;
    final K4sCluster b;

    TwoNodes(NatsServer nats) {
        NodeWorker.HANDLED.clear(); // each test counts from zero
        transportA = NatsTransport.connect(nats.url());
        transportB = NatsTransport.connect(nats.url());
        a = K4sCluster.builder().node("a").transport(transportA).defaultRequestTimeout(Duration.ofSeconds(5)).start();
        b = K4sCluster.builder().node("b").transport(transportB).defaultRequestTimeout(Duration.ofSeconds(5)).start();
    }

    /** Run container {@code name} (worker {@code node-echo}) on {@code node}, ready when this returns. */
    static void run(K4sCluster node, String name, int mailboxCapacity) {
        node.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: %s}
                spec: {worker: node-echo, resources: {mailboxCapacity: %d}}
                """.formatted(name, mailboxCapacity));
        node.await(Duration.ofSeconds(20), name + " to be ready",
                () -> node.runtime().state(ResourceKey.of("default", name)).map(ContainerState::ready).orElse(false));
    }

    /** Tell node b that container {@code name} (default namespace) runs on node a. */
    void locateOnA(String name) {
        b.router().locate(Address.container("default", name), "a");
    }

    @Override
    public void close() {
        b.close();
        a.close();
    }
}
