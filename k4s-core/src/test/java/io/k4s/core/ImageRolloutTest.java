package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.RolloutProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": a Deployment rolls from {@code greeter:1.0} to {@code greeter:2.0},
 * dropped into the plugins folder while the node runs, under request traffic through a Service,
 * with no failed request; no JVM restart, both versions' classes loaded side by side meanwhile.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ImageRolloutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ImageRef V1 = ImageRef.parse("greeter:1.0");
    private static final ImageRef V2 = ImageRef.parse("greeter:2.0");

    private static final String WEB = """
            apiVersion: k4s.io/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 6
              template:
                metadata: {labels: {app: web}}
                spec: {worker: greeter, image: "%s"}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, loadBalancing: RoundRobin}
            """;

    @TempDir
    Path tmp;

    private K4sCluster cluster;

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void rollingFromOneImageToANewOneDroppedIn_underTraffic_failsNoRequest() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        ImageJars.dropGreeter(plugins, V1);
        cluster = K4sCluster.builder().plugins(plugins).resyncPeriod(Duration.ofSeconds(2)).start();
        cluster.apply(WEB.formatted(V1), "web-1.0.yaml");
        cluster.rollouts().await("default", "web", WAIT);
        cluster.awaitEndpoints("web", 6, WAIT);

        AtomicLong sent = new AtomicLong();
        Map<String, Long> answers = new ConcurrentHashMap<>();
        Map<Long, Throwable> failures = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread traffic = Thread.ofVirtual().start(() -> {
            for (long i = 0; sending.get(); i++) {
                try {
                    Object reply = cluster.messenger().request(Address.service("web"), "hi", Duration.ofSeconds(10)).join();
                    answers.merge(String.valueOf(reply), 1L, Long::sum);
                } catch (RuntimeException e) {
                    failures.putIfAbsent(i, e);
                }
                sent.incrementAndGet();
            }
        });
        cluster.await(WAIT, "traffic to flow", () -> sent.get() > 100);

        ImageJars.dropGreeter(plugins, V2);
        cluster.await(WAIT, "greeter:2.0 to be loaded", () -> cluster.images().get(V2).isPresent());
        cluster.apply(WEB.formatted(V2), "web-2.0.yaml");
        RolloutProgress done = cluster.rollouts().await("default", "web", WAIT);
        cluster.awaitEndpoints("web", 6, WAIT);
        long before = sent.get();
        cluster.await(WAIT, "traffic after the rollout", () -> sent.get() > before + 100);
        sending.set(false);
        traffic.join();

        assertEquals("deployment \"web\" successfully rolled out", done.message());
        assertEquals(Map.of(), failures, "no request failed; " + sent.get() + " sent");
        assertTrue(answers.getOrDefault("hi from 1.0", 0L) > 0 && answers.getOrDefault("hi from 2.0", 0L) > 0,
                "both versions answered: " + answers);
        assertEquals("hi from 2.0", cluster.messenger().request(Address.service("web"), "hi").join());
        assertEquals(2, cluster.resources().list(ReplicaSet.class, "default").items().size(),
                "one ReplicaSet per image");
        cluster.await(WAIT, "greeter:1.0 to have no container left",
                () -> cluster.images().get(V1).orElseThrow().users().isEmpty());
    }
}
