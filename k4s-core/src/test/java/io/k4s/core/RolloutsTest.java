package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.DeploymentStatus;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.RolloutFailedException;
import io.k4s.api.resource.RolloutHistory;
import io.k4s.api.resource.RolloutProgress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rollouts from YAML on a real cluster: stalls, pause, history, restart and Recreate, through {@link Rollouts}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RolloutsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A Deployment "web" of whoami containers (or another worker) and a Service in front of it. */
    private static final String WEB = """
            apiVersion: k4s.io/v1
            kind: Deployment
            metadata:
              name: web
              annotations: {k4s.io/change-cause: "version %2$s"}
            spec:
              replicas: %1$d
              revisionHistoryLimit: 2
              progressDeadlineSeconds: 1s
              strategy: {type: %4$s}
              template:
                metadata: {labels: {app: web}}
                spec: {worker: %3$s, params: {version: %2$s}}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}}
            """;

    private K4sCluster cluster;
    private Rollouts rollouts;

    @BeforeEach
    void startCluster() {
        cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(2)).start();
        rollouts = cluster.rollouts();
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private void apply(int replicas, String version, String worker, String strategy) {
        cluster.apply(WEB.formatted(replicas, version, worker, strategy), "web-" + version + ".yaml");
    }

    private void rollOut(int replicas, String version) {
        apply(replicas, version, "whoami", "RollingUpdate");
        rollouts.await("default", "web", WAIT);
    }

    private Deployment deployment() {
        return cluster.resources().get(Deployment.class, "default", "web").orElseThrow();
    }

    /** The containers not being deleted. */
    private List<Container> containers() {
        return cluster.resources().list(Container.class, "default").items().stream()
                .filter(c -> !c.metadata().deleting()).toList();
    }

    private static String version(Container c) {
        return String.valueOf(c.spec().params().get("version"));
    }

    @Test
    void brokenTemplate_stallsWithinTheSurge_andReportsProgressDeadlineExceeded_whileOldReplicasServe() throws Exception {
        rollOut(4, "v1");
        AtomicInteger most = new AtomicInteger();
        AtomicInteger fewestReady = new AtomicInteger(4);
        StoreMirror<Container> budgets = StoreMirror.check(cluster, Container.class, "default", all -> {
            List<Container> live = all.stream().filter(c -> !c.metadata().deleting()).toList();
            most.accumulateAndGet(live.size(), Math::max);
            fewestReady.accumulateAndGet((int) live.stream().filter(c -> c.status().ready()).count(), Math::min);
        });

        apply(4, "v2", "crash-on-start", "RollingUpdate");
        RolloutFailedException stalled = assertThrows(RolloutFailedException.class,
                () -> rollouts.await("default", "web", WAIT));

        assertFalse(stalled.timedOut());
        assertEquals(RolloutProgress.State.PROGRESS_DEADLINE_EXCEEDED, stalled.progress().state());
        assertEquals("deployment \"web\" exceeded its progress deadline", stalled.getMessage());
        Condition progressing = deployment().status().condition(DeploymentStatus.PROGRESSING).orElseThrow();
        assertEquals(DeploymentStatus.PROGRESS_DEADLINE_EXCEEDED, progressing.reason());
        assertFalse(progressing.status());
        for (int i = 0; i < 20; i++) {
            Object reply = cluster.messenger().request(Address.service("web"), "still there?", WAIT).join();
            assertTrue(String.valueOf(reply).endsWith(": still there?"), "an old replica answered: " + reply);
        }
        budgets.close();
        assertTrue(most.get() <= 5, "at most replicas + maxSurge (1) containers, saw " + most.get());
        assertTrue(fewestReady.get() >= 3, "at least replicas - maxUnavailable (1) ready, saw " + fewestReady.get());
        assertEquals(Set.of("v1"), containers().stream().filter(c -> c.status().ready()).map(RolloutsTest::version)
                .collect(Collectors.toSet()), "only the old template serves");

        rollouts.undo("default", "web", 0);
        RolloutProgress back = rollouts.await("default", "web", WAIT);
        assertEquals(RolloutProgress.State.COMPLETE, back.state());
        assertEquals(Set.of("v1"), containers().stream().map(RolloutsTest::version).collect(Collectors.toSet()));
    }

    @Test
    void pause_holdsATemplateChange_untilResume_rollsItOut() {
        rollOut(2, "v1");
        rollouts.pause("default", "web");

        // As kubectl set image: only the template changes (a manifest without paused: true would resume it).
        Deployment held = deployment();
        cluster.apply(held.withSpec(held.spec().withTemplate(held.spec().template().withSpec(
                held.spec().template().spec().withParams(Map.of("version", "v2"))))));
        cluster.await(WAIT, "the paused Deployment to observe its new template", () -> {
            Deployment d = deployment();
            return d.status().observedGeneration() == d.metadata().generation();
        });
        assertEquals(1, cluster.resources().list(ReplicaSet.class, "default").size(), "no ReplicaSet for v2");
        assertEquals(Set.of("v1"), containers().stream().map(RolloutsTest::version).collect(Collectors.toSet()));
        assertEquals(DeploymentStatus.DEPLOYMENT_PAUSED,
                deployment().status().condition(DeploymentStatus.PROGRESSING).orElseThrow().reason());
        RolloutFailedException paused = assertThrows(RolloutFailedException.class,
                () -> rollouts.await("default", "web", WAIT));
        assertEquals(RolloutProgress.State.PAUSED, paused.progress().state());

        rollouts.resume("default", "web");
        rollouts.await("default", "web", WAIT);
        assertEquals(Set.of("v2"), containers().stream().map(RolloutsTest::version).collect(Collectors.toSet()));
    }

    @Test
    void history_keepsRevisionHistoryLimitOldRevisions_withTheirChangeCauses_andUndoGoesToAnyOfThem() {
        for (int v = 1; v <= 5; v++) {
            rollOut(1, "v" + v);
        }
        cluster.await(WAIT, "old revisions beyond the limit of 2 to be deleted",
                () -> cluster.resources().list(ReplicaSet.class, "default").size() == 3);

        RolloutHistory history = rollouts.history("default", "web");
        assertEquals(List.of(3L, 4L, 5L), history.revisions().stream().map(RolloutHistory.Revision::number).toList());
        assertEquals(List.of("version v3", "version v4", "version v5"),
                history.revisions().stream().map(RolloutHistory.Revision::changeCause).toList());

        rollouts.undo("default", "web", 4);
        rollouts.await("default", "web", WAIT);
        assertEquals(Set.of("v4"), containers().stream().map(RolloutsTest::version).collect(Collectors.toSet()));
        assertEquals(List.of(3L, 5L, 6L), rollouts.history("default", "web").revisions().stream()
                .map(RolloutHistory.Revision::number).toList());
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> rollouts.undo("default", "web", 1));
        assertEquals("revision 1 not found; revisions kept: 3, 5, 6", gone.getMessage());
    }

    @Test
    void restart_replacesEveryContainer_withTheSameWorkerAndParams() {
        rollOut(3, "v1");
        Set<String> before = containers().stream().map(c -> c.metadata().uid()).collect(Collectors.toSet());

        rollouts.restart("default", "web");
        rollouts.await("default", "web", WAIT);
        cluster.await(WAIT, "the old containers to be gone", () -> containers().size() == 3);

        List<Container> after = containers();
        assertTrue(after.stream().noneMatch(c -> before.contains(c.metadata().uid())), "every container is new");
        assertTrue(after.stream().allMatch(c -> version(c).equals("v1") && c.spec().worker().equals("whoami")));
        assertNotNull(deployment().spec().template().annotations().get(Deployment.RESTARTED_AT_ANNOTATION));
        assertEquals(2, RolloutHistory.revisionOf(deployment()));
    }

    @Test
    void recreate_stopsEveryOldContainer_beforeTheFirstNewOneExists() throws Exception {
        apply(3, "v1", "whoami", "Recreate");
        rollouts.await("default", "web", WAIT);
        String oldPrefix = cluster.resources().list(ReplicaSet.class, "default").items().getFirst().metadata().name()
                + "-";
        AtomicInteger newSeen = new AtomicInteger();
        StoreMirror<Container> order = StoreMirror.check(cluster, Container.class, "default", all -> {
            if (all.stream().anyMatch(c -> version(c).equals("v2"))) {
                newSeen.incrementAndGet();
                assertTrue(all.stream().noneMatch(c -> version(c).equals("v1")), "old and new containers at once: "
                        + all.stream().map(c -> c.metadata().name()).toList());
                assertTrue(cluster.runtime().list().stream().noneMatch(s -> !s.ended()
                        && s.key().name().startsWith(oldPrefix)), "an old container still runs in the runtime");
            }
        });

        apply(3, "v2", "whoami", "Recreate");
        rollouts.await("default", "web", WAIT);
        order.close();

        assertTrue(newSeen.get() > 0);
        assertEquals(Set.of("v2"), containers().stream().map(RolloutsTest::version).collect(Collectors.toSet()));
    }
}
