package io.k4s.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mockito.Mockito.when;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.DeploymentSpec;
import io.k4s.api.resource.DeploymentStatus;
import io.k4s.api.resource.DeploymentStrategy;
import io.k4s.api.resource.IntOrPercent;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.RolloutHistory;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentReconcilerTest {

    private static final Duration TICK = Duration.ofSeconds(1);

    private final Simulation sim = new Simulation();
    private final DeploymentReconciler deployments = new DeploymentReconciler();
    private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler();
    private int worstContainers;
    private int worstAvailable = Integer.MAX_VALUE;

    private static ContainerTemplate template(String version) {
        return ContainerTemplate.of(Map.of("app", "web"), ContainerSpec.of("echo", Map.of("version", version)));
    }

    private Deployment create(DeploymentSpec spec) {
        return sim.resources.create(Deployment.of(ObjectMeta.of("web"), spec));
    }

    private Deployment deployment() {
        return sim.resources.get(Deployment.class, ResourceKey.of("web")).orElseThrow();
    }

    private Deployment change(UnaryOperator<DeploymentSpec> change) {
        Deployment d = deployment();
        return sim.resources.update(d.withSpec(change.apply(d.spec())));
    }

    private void step() throws Exception {
        sim.step(TICK, deployments, replicaSets);
    }

    private boolean complete() {
        Deployment d = deployment();
        return d.status().observedGeneration() == d.metadata().generation()
                && d.status().condition(DeploymentStatus.PROGRESSING)
                        .map(c -> c.reason().equals(DeploymentStatus.NEW_REPLICA_SET_AVAILABLE)).orElse(false);
    }

    private int stepsUntilComplete(int maxSteps) throws Exception {
        for (int i = 1; i <= maxSteps; i++) {
            step();
            if (complete()) {
                return i;
            }
        }
        return fail("rollout not complete after " + maxSteps + " steps: " + deployment().status());
    }

    private List<ReplicaSet> replicaSets() {
        return sim.resources.list(ReplicaSet.class, "default").items();
    }

    private static boolean available(Container c, Duration minReady, Instant now) {
        Instant at = ReplicaSetReconciler.availableAt(c, minReady);
        return at != null && !at.isAfter(now);
    }

    /** From now on, check the surge and availability budgets after every store write. */
    private void watchBudgets() {
        sim.resources.afterEveryWrite(store -> {
            Deployment d = store.get(Deployment.class, ResourceKey.of("web")).orElseThrow();
            int desired = d.spec().replicas();
            List<Container> all = store.list(Container.class, "default").items();
            long available = all.stream().filter(c -> available(c, d.spec().minReadySeconds(), sim.clock.instant()))
                    .count();
            worstContainers = Math.max(worstContainers, all.size());
            worstAvailable = (int) Math.min(worstAvailable, available);
            int maxSurge = d.spec().strategy().maxSurge(desired);
            int maxUnavailable = d.spec().strategy().maxUnavailable(desired);
            if (all.size() > desired + maxSurge) {
                fail(all.size() + " containers exist; maxSurge allows " + (desired + maxSurge));
            }
            if (available < desired - maxUnavailable) {
                fail(available + " containers available; maxUnavailable requires " + (desired - maxUnavailable));
            }
        });
    }

    @ParameterizedTest(name = "replicas {0}, maxSurge {1}, maxUnavailable {2}, minReady {3}s")
    @CsvSource({"10, 25%, 25%, 0", "10, 0, 1, 0", "10, 1, 0, 0", "10, 3, 2, 2", "4, 100%, 0, 0", "3, 0, 100%, 0",
            "1, 25%, 25%, 0", "5, 10%, 0, 1"})
    void rollingUpdate_neverExceedsSurgeOrUnavailability_andReplacesEveryContainer(
            int replicas, String surge, String unavailable, int minReady) throws Exception {
        create(DeploymentSpec.of(replicas, template("v1"))
                .withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.parse(surge), IntOrPercent.parse(unavailable)))
                .withMinReadySeconds(Duration.ofSeconds(minReady)));
        stepsUntilComplete(40);
        ReplicaSet v1 = replicaSets().getFirst();
        watchBudgets();

        change(s -> s.withTemplate(template("v2")));
        stepsUntilComplete(100);

        List<Container> containers = sim.resources.list(Container.class, "default").items();
        assertEquals(replicas, containers.size());
        assertTrue(containers.stream().allMatch(c -> c.spec().params().get("version").equals("v2")), "all v2");
        ReplicaSet v1After = sim.resources.get(ReplicaSet.class, v1.key()).orElseThrow();
        assertEquals(0, v1After.spec().replicas(), "old ReplicaSet scaled to 0 and kept for undo");
        DeploymentStatus s = deployment().status();
        assertEquals(List.of(replicas, replicas, replicas, replicas, 0),
                List.of(s.replicas(), s.updatedReplicas(), s.readyReplicas(), s.availableReplicas(),
                        s.unavailableReplicas()));
        assertEquals("2", deployment().metadata().annotations().get(Deployment.REVISION_ANNOTATION));
        int maxSurge = deployment().spec().strategy().maxSurge(replicas);
        assertTrue(worstContainers > replicas || maxSurge == 0, "the surge was used");
    }

    @Test
    void replicaSets_areNamedByTemplateHash_labelTheirContainers_andCarryRevisionAndChangeCause() throws Exception {
        Deployment d = create(DeploymentSpec.of(2, template("v1")));
        sim.resources.update(d.withMetadata(d.metadata().withAnnotations(
                Map.of(Deployment.CHANGE_CAUSE_ANNOTATION, "first release"))));
        stepsUntilComplete(10);

        ReplicaSet rs = replicaSets().getFirst();
        String hash = TemplateHash.of(template("v1"), 0);
        assertEquals("web-" + hash, rs.metadata().name());
        assertEquals(hash, rs.spec().template().labels().get(Deployment.TEMPLATE_HASH_LABEL));
        assertEquals("1", rs.metadata().annotations().get(Deployment.REVISION_ANNOTATION));
        assertEquals("first release", rs.metadata().annotations().get(Deployment.CHANGE_CAUSE_ANNOTATION));
        assertTrue(sim.containers("web-").stream()
                .allMatch(c -> hash.equals(c.metadata().labels().get(Deployment.TEMPLATE_HASH_LABEL))));
        assertEquals(hash, TemplateHash.of(ContainerTemplate.of(Map.of("app", "web"),
                ContainerSpec.of("echo", Map.of("version", "v1"))), 0), "stable for an equal template");
    }

    @Test
    void undo_rollsBackToThePreviousTemplate_reusingItsReplicaSetAsTheNextRevision() throws Exception {
        create(DeploymentSpec.of(3, template("v1")));
        stepsUntilComplete(20);
        String v1Name = replicaSets().getFirst().metadata().name();
        change(s -> s.withTemplate(template("v2")));
        stepsUntilComplete(40);

        RolloutHistory history = RolloutHistory.of(deployment(), replicaSets());
        assertEquals(List.of(1L, 2L), history.revisions().stream().map(RolloutHistory.Revision::number).toList());
        sim.resources.update(history.undo(deployment(), 0));
        watchBudgets();
        stepsUntilComplete(40);

        assertEquals(template("v1"), deployment().spec().template());
        assertTrue(sim.resources.list(Container.class, "default").items().stream()
                .allMatch(c -> c.spec().params().get("version").equals("v1")), "all back on v1");
        ReplicaSet reused = sim.resources.get(ReplicaSet.class, ResourceKey.of(v1Name)).orElseThrow();
        assertEquals("3", reused.metadata().annotations().get(Deployment.REVISION_ANNOTATION));
        assertEquals("3", deployment().metadata().annotations().get(Deployment.REVISION_ANNOTATION));
        assertEquals(2, replicaSets().size(), "no third ReplicaSet: the old one was reused");
    }

    @Test
    void brokenTemplate_stallsWithinTheSurge_keepsOldOnesServing_andReportsProgressDeadlineExceeded()
            throws Exception {
        create(DeploymentSpec.of(4, template("v1")).withProgressDeadlineSeconds(Duration.ofSeconds(10)));
        stepsUntilComplete(20);
        sim.healthy = c -> c.spec().params().get("version").equals("v1");
        watchBudgets();

        change(s -> s.withTemplate(template("broken")));
        for (int i = 0; i < 9; i++) {
            step();
        }
        assertTrue(deployment().status().condition(DeploymentStatus.PROGRESSING).orElseThrow().status(),
                "still within the deadline");
        for (int i = 0; i < 5; i++) {
            step();
        }

        var progressing = deployment().status().condition(DeploymentStatus.PROGRESSING).orElseThrow();
        assertFalse(progressing.status());
        assertEquals(DeploymentStatus.PROGRESS_DEADLINE_EXCEEDED, progressing.reason());
        // 4 replicas, 25%/25%: one new container (the surge), one old one may go (the unavailability).
        assertEquals(2, sim.containers("web-").stream().filter(c -> c.spec().params().get("version").equals("broken"))
                .count(), "new containers within maxSurge + maxUnavailable");
        assertEquals(3, sim.containers("web-").stream().filter(c -> c.status().ready()).count(),
                "three old containers still serve");
        assertEquals(3, deployment().status().availableReplicas());
    }

    @Test
    void recreate_stopsEveryOldContainerBeforeTheFirstNewOne() throws Exception {
        create(DeploymentSpec.of(3, template("v1")).withStrategy(DeploymentStrategy.RECREATE));
        stepsUntilComplete(10);
        sim.resources.afterEveryWrite(store -> {
            List<Container> all = store.list(Container.class, "default").items();
            long v1 = all.stream().filter(c -> c.spec().params().get("version").equals("v1")).count();
            if (v1 > 0 && v1 < all.size()) {
                fail("old and new containers at once: " + all.stream().map(c -> c.metadata().name()).toList());
            }
        });
        String oldName = replicaSets().getFirst().metadata().name();
        // The runtime still drains an old container after its resource is gone.
        ContainerState draining = new ContainerState(ResourceKey.of(oldName + "-0"), "u", 1,
                ContainerState.Phase.TERMINATING, false, 0, null, null, "", null);
        when(sim.runtime.list()).thenReturn(List.of(draining));

        change(s -> s.withTemplate(template("v2")));
        for (int i = 0; i < 5; i++) {
            step();
        }
        assertEquals(1, replicaSets().size(), "no new ReplicaSet while an old container still runs");
        assertTrue(sim.containers("web-").isEmpty());

        when(sim.runtime.list()).thenReturn(List.of());
        stepsUntilComplete(10);
        assertEquals(3, sim.containers("web-").size());
    }

    @Test
    void paused_holdsATemplateChange_butFollowsScaling_untilResumed() throws Exception {
        create(DeploymentSpec.of(2, template("v1")));
        stepsUntilComplete(10);

        change(s -> s.withPaused(true).withTemplate(template("v2")).withReplicas(3));
        for (int i = 0; i < 5; i++) {
            step();
        }
        assertEquals(1, replicaSets().size(), "no rollout while paused");
        assertEquals(3, sim.containers("web-").size(), "scaling still applies");
        assertEquals(DeploymentStatus.DEPLOYMENT_PAUSED,
                deployment().status().condition(DeploymentStatus.PROGRESSING).orElseThrow().reason());

        change(s -> s.withPaused(false));
        stepsUntilComplete(30);
        assertTrue(sim.containers("web-").stream().allMatch(c -> c.spec().params().get("version").equals("v2")));
    }

    @Test
    void revisionHistory_isTrimmedToTheLimit_oldestFirst() throws Exception {
        create(DeploymentSpec.of(1, template("v1")).withRevisionHistoryLimit(2));
        stepsUntilComplete(10);
        for (int v = 2; v <= 5; v++) {
            String version = "v" + v;
            change(s -> s.withTemplate(template(version)));
            stepsUntilComplete(20);
            step();
        }

        List<Long> revisions = RolloutHistory.of(deployment(), replicaSets()).revisions().stream()
                .map(RolloutHistory.Revision::number).toList();
        assertEquals(List.of(3L, 4L, 5L), revisions, "the current revision and the two before it");
    }

    @Test
    void nameTakenByAnotherReplicaSet_movesTheCollisionCount_andUsesAnotherName() throws Exception {
        String taken = "web-" + TemplateHash.of(template("v1"), 0);
        sim.resources.create(ReplicaSet.of(ObjectMeta.of(taken),
                new ReplicaSetSpec(0, template("other"))));
        create(DeploymentSpec.of(1, template("v1")));

        stepsUntilComplete(10);

        assertEquals(1, deployment().status().collisionCount());
        assertTrue(sim.resources.get(ReplicaSet.class, ResourceKey.of("web-" + TemplateHash.of(template("v1"), 1)))
                .isPresent());
    }

    @Test
    void aContainerBeingDeleted_wakesItsDeployment_becauseItsReplicaSetStatusMayNotChange() throws Exception {
        create(DeploymentSpec.of(2, template("v1")));
        stepsUntilComplete(10);
        Container c = sim.containers("web-").getFirst();
        Container leaving = c.withMetadata(c.metadata().withDeletion(Instant.EPOCH, 5L));

        assertEquals(List.of(ResourceKey.of("web")),
                List.copyOf(DeploymentReconciler.deploymentOfLeavingContainer(leaving, sim.resources)));
        assertEquals(List.of(), List.copyOf(DeploymentReconciler.deploymentOfLeavingContainer(c, sim.resources)),
                "a change of a container that stays does not wake the Deployment");
        Container bare = sim.resources.create(Container.of(ObjectMeta.of("bare"), template("v1").spec()));
        assertEquals(List.of(), List.copyOf(DeploymentReconciler.deploymentOfLeavingContainer(
                bare.withMetadata(bare.metadata().withDeletion(Instant.EPOCH, 5L)), sim.resources)));
    }

    @Test
    void completeRollout_isLeftAlone_byLaterReconciles() throws Exception {
        create(DeploymentSpec.of(3, template("v1")));
        stepsUntilComplete(10);
        step();
        long revision = sim.resources.resourceVersion();

        for (int i = 0; i < 3; i++) {
            step();
        }

        assertEquals(revision, sim.resources.resourceVersion(), "nothing written once converged");
    }
}
