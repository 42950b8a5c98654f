package io.k4s.transport.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.RequestTimeoutException;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a request comes to when the other node, the NATS server or the connection between them
 * fails: always exactly one typed outcome, never a hang.
 */
class FailureOutcomesTest {

    private NatsServer nats;
    private TwoNodes nodes;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NatsServer.binary().isPresent(), NatsServer.missing());
        nats = NatsServer.start();
        nodes = new TwoNodes(nats);
    }

    @AfterEach
    void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @Test
    void targetNodeDiesMidRequest_theRequestTimesOutNamingTheTarget_laterOnesFailTerminatedAtOnce() {
        TwoNodes.run(nodes.a, "slow-0", 10);
        nodes.locateOnA("slow-0");
        Address slow = Address.container("slow-0");
        CompletableFuture<Object> inFlight = nodes.b.messenger().request(slow, "sleep:4000", Duration.ofSeconds(2));
        Await.until(() -> NodeWorker.handled("slow-0") == 1, "slow-0 to be handling the request");

        closeQuietly(nodes.transportA); // node a is gone from NATS, as when its JVM dies

        RequestTimeoutException timeout = assertInstanceOf(RequestTimeoutException.class, Await.failure(inFlight));
        assertEquals(Address.container("default", "slow-0"), timeout.target());
        Throwable after = Await.failure(nodes.b.messenger().request(slow, "who", Duration.ofSeconds(30)));
        assertEquals(Address.container("default", "slow-0"),
                assertInstanceOf(ContainerTerminatedException.class, after).container());
    }

    @Test
    void natsRestart_inFlightFailsTyped_clientsReconnect_laterRequestsSucceed() throws Exception {
        TwoNodes.run(nodes.a, "slow-0", 10);
        TwoNodes.run(nodes.a, "calc-0", 10);
        nodes.locateOnA("slow-0");
        nodes.locateOnA("calc-0");
        CompletableFuture<Object> inFlight = nodes.b.messenger().request(Address.container("slow-0"), "sleep:3000",
                Duration.ofSeconds(30));
        Await.until(() -> NodeWorker.handled("slow-0") == 1, "slow-0 to be handling the request");

        nats.kill();
        ContainerTerminatedException dropped = assertInstanceOf(ContainerTerminatedException.class,
                Await.failure(inFlight));
        assertEquals(Address.container("default", "slow-0"), dropped.container());
        Throwable whileDown = Await.failure(nodes.b.messenger().request(Address.container("calc-0"), "who"));
        assertInstanceOf(ContainerTerminatedException.class, whileDown);

        nats.restart();
        Await.until(Duration.ofSeconds(30), () -> nodes.transportA.connected() && nodes.transportB.connected(),
                "both nodes to reconnect to the restarted nats-server");
        Await.until(Duration.ofSeconds(30), () -> "calc-0".equals(nodes.b.messenger()
                        .request(Address.container("calc-0"), "who").exceptionally(e -> e).join()),
                "a request from b to a to succeed after the restart");
    }

    @Test
    void partition_aNodeWhoseConnectionClosedFailsTyped_andIsFailedTypedByTheOthers() throws Exception {
        TwoNodes.run(nodes.a, "calc-a", 10);
        TwoNodes.run(nodes.b, "calc-b", 10);
        nodes.locateOnA("calc-a");
        nodes.a.router().locate(Address.container("default", "calc-b"), "b");
        nodes.b.router().updateEndpoints(ResourceKey.of("default", "remote"), LoadBalancing.ROUND_ROBIN,
                List.of("calc-a"));
        assertEquals("calc-b", Await.result(nodes.a.messenger().request(Address.container("calc-b"), "who")));

        nodes.transportB.connection().close(); // b is cut off
        assertFalse(nodes.transportB.connected());

        Throwable fromB = Await.failure(nodes.b.messenger().request(Address.container("calc-a"), "who"));
        assertEquals(Address.container("default", "calc-a"),
                assertInstanceOf(ContainerTerminatedException.class, fromB).container());
        Throwable viaService = Await.failure(nodes.b.messenger().request(Address.service("remote"), "who"));
        assertInstanceOf(NoEndpointsException.class, viaService);
        Throwable toB = Await.failure(nodes.a.messenger().request(Address.container("calc-b"), "who"));
        assertEquals(Address.container("default", "calc-b"),
                assertInstanceOf(ContainerTerminatedException.class, toB).container());
        // b's own containers still answer b.
        assertEquals("calc-b", Await.result(nodes.b.messenger().request(Address.container("calc-b"), "who")));
    }

    private static void closeQuietly(NatsTransport transport) {
        try {
            transport.connection().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
