package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.DeploymentSpec;
import io.k4s.api.resource.DeploymentStatus;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.RolloutHistory;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A Deployment's rolling update and undo on a real cluster, under request traffic through a Service. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeploymentRolloutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLICAS = 10;

    private K4sCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(2)).start();
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private static ContainerTemplate template(String version) {
        return ContainerTemplate.of(Map.of("app", "web"), ContainerSpec.of("whoami", Map.of("version", version)));
    }

    private Deployment deployment() {
        return cluster.resources().get(Deployment.class, "default", "web").orElseThrow();
    }

    private void awaitRolledOut(String what) {
        cluster.await(WAIT, what, () -> {
            Deployment d = deployment();
            return d.status().observedGeneration() == d.metadata().generation()
                    && d.status().availableReplicas() == REPLICAS && d.status().replicas() == REPLICAS
                    && d.status().condition(DeploymentStatus.PROGRESSING)
                            .map(c -> c.reason().equals(DeploymentStatus.NEW_REPLICA_SET_AVAILABLE)).orElse(false);
        });
    }

    @Test
    void rollingUpdate_andUndo_underTraffic_failNoRequest_andStayWithinTheSurge() throws Exception {
        cluster.apply(Deployment.of(ObjectMeta.of("web"), DeploymentSpec.of(REPLICAS, template("v1"))));
        cluster.apply(Service.of(ObjectMeta.of("web"),
                new ServiceSpec(Selector.labels(Map.of("app", "web")), LoadBalancing.ROUND_ROBIN)));
        awaitRolledOut("the first rollout");
        cluster.awaitEndpoints("web", REPLICAS, WAIT);
        String v1ReplicaSet = cluster.resources().list(ReplicaSet.class, "default").items().getFirst()
                .metadata().name();

        AtomicInteger most = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> sampleContainerCounts(sampling, most));
        AtomicLong sent = new AtomicLong();
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread traffic = Thread.ofVirtual().start(() -> {
            for (int i = 0; sending.get() && i < 1_000_000; i++) {
                try {
                    cluster.messenger().request(Address.service("web"), "ping " + i, Duration.ofSeconds(10)).join();
                } catch (RuntimeException e) {
                    failures.putIfAbsent("request " + i, e);
                }
                sent.incrementAndGet();
            }
        });

        cluster.apply(deployment().withSpec(deployment().spec().withTemplate(template("v2"))));
        awaitRolledOut("the rollout to v2");
        RolloutHistory history = RolloutHistory.of(deployment(),
                cluster.resources().list(ReplicaSet.class, "default").items());
        cluster.apply(history.undo(deployment(), 0));
        awaitRolledOut("the undo to v1");
        long before = sent.get();
        cluster.await(WAIT, "more traffic after the undo", () -> sent.get() > before + 100);
        sending.set(false);
        traffic.join();
        sampling.set(false);
        sampler.join();

        assertEquals(Map.of(), failures, "no request failed; " + sent.get() + " sent");
        assertTrue(sent.get() > 200, "traffic flowed throughout: " + sent.get());
        assertTrue(most.get() <= REPLICAS + 3, "at most replicas + maxSurge (25% of 10, rounded up: 3) containers,"
                + " saw " + most.get());
        assertEquals(template("v1"), deployment().spec().template());
        Object reply = cluster.messenger().request(Address.service("web"), "who").join();
        assertTrue(String.valueOf(reply).startsWith(v1ReplicaSet + "-"), "v1's ReplicaSet answers again: " + reply);
        assertEquals("3", deployment().metadata().annotations().get(Deployment.REVISION_ANNOTATION));
    }

    /** Record the most containers that existed at once, looking at every store change. */
    private void sampleContainerCounts(AtomicBoolean sampling, AtomicInteger most) {
        try (Watch watch = cluster.resources().watch(Container.class, "default", cluster.resources().resourceVersion())) {
            while (sampling.get()) {
                WatchEvent e = watch.next(Duration.ofMillis(20));
                if (e instanceof WatchEvent.Expired) {
                    throw new AssertionError("the sampler fell behind the store: " + e);
                }
                if (e != null) {
                    int count = cluster.resources().list(Container.class, "default").size();
                    most.accumulateAndGet(count, Math::max);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
