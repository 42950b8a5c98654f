package io.k4s.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.event.Event;
import io.k4s.api.event.EventType;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Events reach the store from the controllers and the recorder, folded, bounded and expiring. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreEventRecorderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static List<Event> events(K4sCluster cluster, String reason) {
        return cluster.resources().list(Event.class, "default").items().stream()
                .filter(e -> e.spec().reason().equals(reason)).toList();
    }

    @Test
    void repeats_areFoldedIntoOneEventWithACount() {
        try (K4sCluster cluster = K4sCluster.start()) {
            ConfigMap cm = cluster.apply(ConfigMap.of("default", "settings", Map.of("a", "1")));
            for (int i = 0; i < 5; i++) {
                cluster.events().warning(cm, "Stale", "the settings are stale");
            }
            cluster.events().warning(cm, "Stale", "another message");
            cluster.await(WAIT, "5 folded occurrences", () -> events(cluster, "Stale").stream()
                    .anyMatch(e -> e.spec().count() == 5));
            List<Event> stale = events(cluster, "Stale");
            assertEquals(2, stale.size(), "another message is another event");
            Event folded = stale.stream().filter(e -> e.spec().count() == 5).findFirst().orElseThrow();
            assertEquals(EventType.WARNING, folded.spec().type());
            assertEquals("settings", folded.spec().involvedObject().name());
            assertEquals(cm.metadata().uid(), folded.spec().involvedObject().uid());
            assertTrue(!folded.spec().lastTimestamp().isBefore(folded.spec().firstTimestamp()));
        }
    }

    @Test
    void controllers_recordScalingAndCreates() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      replicas: 2
                      template: {metadata: {labels: {app: web}}, spec: {worker: whoami}}
                    """);
            cluster.await(WAIT, "two creates and a scaling", () -> events(cluster, "SuccessfulCreate").size() == 2
                    && !events(cluster, "ScalingReplicaSet").isEmpty() && events(cluster, "Started").size() == 2);
            Event scaling = events(cluster, "ScalingReplicaSet").getFirst();
            assertEquals(Deployment.KIND, scaling.spec().involvedObject().kind());
            assertTrue(scaling.spec().message().matches("Scaled up replica set web-\\w+ from 0 to 2"),
                    scaling.spec().message());
            Event created = events(cluster, "SuccessfulCreate").getFirst();
            assertEquals(ReplicaSet.KIND, created.spec().involvedObject().kind());
            assertTrue(created.spec().message().startsWith("Created container: web-"), created.spec().message());
        }
    }

    @Test
    void events_expireAfterTheirTtl_andTheOldestGoBeyondTheBound() {
        try (K4sCluster cluster = K4sCluster.builder().eventTtl(Duration.ofMillis(300)).maxEvents(3).start()) {
            ConfigMap cm = cluster.apply(ConfigMap.of("default", "settings", Map.of()));
            for (int i = 0; i < 5; i++) {
                cluster.events().normal(cm, "Touched", "touch " + i);
            }
            cluster.await(WAIT, "touch 4 written", () -> events(cluster, "Touched").stream()
                    .anyMatch(e -> e.spec().message().equals("touch 4")));
            assertTrue(events(cluster, "Touched").size() <= 3, () -> "at most 3 kept: " + events(cluster, "Touched"));
            cluster.await(WAIT, "every event expired", () -> events(cluster, "Touched").isEmpty());
        }
    }
}
