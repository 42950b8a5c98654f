package io.k4s.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutHistoryTest {

    private static ContainerTemplate template(String version) {
        return ContainerTemplate.of(Map.of("app", "web"), ContainerSpec.of("echo", Map.of("version", version)));
    }

    private static final Deployment WEB = Deployment.of(ObjectMeta.of("web").withSystemFields("uid-web", 1, 1,
            Instant.EPOCH), DeploymentSpec.of(2, template("v3")));

    private static ReplicaSet revision(long number, String version, Resource owner) {
        ObjectMeta meta = ObjectMeta.of("web-" + version)
                .withAnnotations(Map.of(Deployment.REVISION_ANNOTATION, Long.toString(number),
                        Deployment.CHANGE_CAUSE_ANNOTATION, "deploy " + version))
                .withOwnerReferences(List.of(OwnerReference.controlledBy(owner)));
        return ReplicaSet.of(meta, new ReplicaSetSpec(0, template(version).withLabel(Deployment.TEMPLATE_HASH_LABEL,
                "h" + version)));
    }

    @Test
    void history_listsTheDeploymentsRevisionsInOrder_withoutTheHashLabel() {
        Deployment other = Deployment.of(ObjectMeta.of("other").withSystemFields("uid-other", 1, 1, Instant.EPOCH),
                DeploymentSpec.of(template("x")));
        RolloutHistory h = RolloutHistory.of(WEB, List.of(revision(3, "v3", WEB), revision(1, "v1", WEB),
                revision(2, "v2", WEB), revision(9, "x", other)));

        assertEquals(List.of(1L, 2L, 3L), h.revisions().stream().map(RolloutHistory.Revision::number).toList());
        assertEquals("deploy v2", h.revision(2).orElseThrow().changeCause());
        assertEquals(template("v1"), h.revision(1).orElseThrow().template());
        assertEquals(3, h.current().orElseThrow().number());
    }

    @Test
    void undo_returnsToThePreviousRevision_orTheOneAsked() {
        RolloutHistory h = RolloutHistory.of(WEB, List.of(revision(1, "v1", WEB), revision(2, "v2", WEB),
                revision(3, "v3", WEB)));

        assertEquals(template("v2"), h.undo(WEB, 0).spec().template());
        assertEquals(template("v1"), h.undo(WEB, 1).spec().template());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> h.undo(WEB, 7));
        assertTrue(missing.getMessage().contains("revisions kept: 1, 2, 3"), missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RolloutHistory.of(WEB, List.of(revision(1, "v1", WEB))).undoTarget(0));
    }
}
