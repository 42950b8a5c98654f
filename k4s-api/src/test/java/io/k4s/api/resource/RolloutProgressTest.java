package io.k4s.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RolloutProgress reads a Deployment as kubectl's status viewer does, one case per line it prints. */
class RolloutProgressTest {

    private static Deployment web(long generation, boolean paused, DeploymentStatus status) {
        ObjectMeta meta = ObjectMeta.of("web").withSystemFields("uid", 7, generation, Instant.EPOCH)
                .withAnnotations(Map.of(Deployment.REVISION_ANNOTATION, "4"));
        DeploymentSpec spec = DeploymentSpec.of(10, ContainerTemplate.of(Map.of("app", "web"),
                ContainerSpec.of("echo"))).withPaused(paused);
        return new Deployment(meta, spec, status);
    }

    private static DeploymentStatus status(int replicas, int updated, int available, long observed,
                                           Condition... conditions) {
        return new DeploymentStatus(replicas, updated, available, available, 10 - Math.min(10, available), observed,
                List.of(conditions), 0);
    }

    private static RolloutProgress progress(Deployment d) {
        return RolloutProgress.of(d);
    }

    @Test
    void eachStageOfARollout_hasKubectlsMessage() {
        assertEquals("Waiting for deployment spec update to be observed...",
                progress(web(3, false, status(10, 10, 10, 2))).message());
        assertEquals("Waiting for deployment \"web\" rollout to finish: 3 out of 10 new replicas have been updated...",
                progress(web(3, false, status(13, 3, 10, 3))).message());
        assertEquals("Waiting for deployment \"web\" rollout to finish: 2 old replicas are pending termination...",
                progress(web(3, false, status(12, 10, 10, 3))).message());
        assertEquals("Waiting for deployment \"web\" rollout to finish: 8 of 10 updated replicas are available...",
                progress(web(3, false, status(10, 10, 8, 3))).message());
        RolloutProgress done = progress(web(3, false, status(10, 10, 10, 3)));
        assertEquals("deployment \"web\" successfully rolled out", done.message());
        assertEquals(RolloutProgress.State.COMPLETE, done.state());
        assertEquals(new RolloutProgress(ResourceKey.of("web"), RolloutProgress.State.COMPLETE, done.message(), 10, 10,
                10, 10, 4), done);
    }

    @Test
    void aDeadlineExceeded_orAPauseWithTheRolloutUnfinished_endsTheWait_butAFinishedPausedOneIsComplete() {
        Condition timedOut = new Condition(DeploymentStatus.PROGRESSING, false,
                DeploymentStatus.PROGRESS_DEADLINE_EXCEEDED, "ReplicaSet \"web-x\" has timed out progressing.",
                Instant.EPOCH);
        RolloutProgress stalled = progress(web(3, false, status(11, 1, 9, 3, timedOut)));
        assertEquals(RolloutProgress.State.PROGRESS_DEADLINE_EXCEEDED, stalled.state());
        assertEquals("deployment \"web\" exceeded its progress deadline", stalled.message());
        assertTrue(stalled.state().terminal());

        RolloutProgress paused = progress(web(3, true, status(10, 0, 10, 3)));
        assertEquals(RolloutProgress.State.PAUSED, paused.state());
        assertEquals("deployment \"web\" is paused with its rollout unfinished (0 out of 10 new replicas have been"
                + " updated); resume it to go on", paused.message());
        assertEquals(RolloutProgress.State.COMPLETE, progress(web(3, true, status(10, 10, 10, 3))).state());
        assertFalse(RolloutProgress.State.PROGRESSING.terminal());
        assertFalse(RolloutProgress.State.OBSERVING.terminal());
    }
}
