package io.k4s.core.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A kind k4s does not ship, added by a provider on the class loader (as a user's jar would), with
 * its reconciler: a real cluster reads, validates, stores, reconciles, scales and writes it with
 * no change to k4s-core.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProvidedKindTest {

    private static final String WIDGETS = """
            apiVersion: k4s.io/v1
            kind: Widget
            metadata: {name: w}
            spec: {color: red, replicas: 2, timeout: 90, sizes: [1, 2.5]}
            status: {painted: true, replicas: 9}
            ---
            kind: Note
            metadata: {name: n}
            data: {greeting: hello}
            """;

    private static K4sCluster cluster() {
        return K4sCluster.builder().classLoader(TestKinds.loader("widgets")).discoverReconcilers(false)
                .addReconciler(new WidgetReconciler()).start();
    }

    @Test
    void aProvidedKind_isAppliedStoredReconciledScaledAndWritten() {
        try (K4sCluster cluster = cluster()) {
            List<?> applied = cluster.apply(WIDGETS, "widgets.yaml");
            TestKinds.Widget stored = (TestKinds.Widget) applied.getFirst();
            assertEquals(TestKinds.WidgetStatus.EMPTY, stored.status(), "a create stores the kind's empty status");
            assertEquals(Duration.ofSeconds(90), stored.spec().timeout());
            assertEquals(Map.of("greeting", "hello"), ((TestKinds.Note) applied.get(1)).spec().data());

            cluster.await(Duration.ofSeconds(10), "the widget to be painted", () -> cluster.resources()
                    .get(TestKinds.Widget.class, "default", "w").map(w -> w.status().painted()).orElse(false));
            TestKinds.Widget scaled = cluster.scale(TestKinds.Widget.class, "default", "w", 7);
            assertEquals(7, scaled.spec().replicas());
            assertEquals(2, scaled.metadata().generation());
            assertEquals(3, ((TestKinds.Widget) cluster.scale("wdg", "default", "w", 3)).spec().replicas());
            IllegalArgumentException notScalable = assertThrows(IllegalArgumentException.class,
                    () -> cluster.scale("note", "default", "n", 1));
            assertEquals("Note has no replicas to scale; kinds that scale: Deployment, ReplicaSet, Widget",
                    notScalable.getMessage());

            List<TestKinds.Widget> widgets = cluster.resources().list(TestKinds.Widget.class, null).items();
            assertEquals(widgets, cluster.manifestReader().read(cluster.manifestWriter().writeAll(widgets)));
        }
    }

    @Test
    void theKindsValidation_isReportedAtTheFieldsPosition_andNothingIsWritten() {
        try (K4sCluster cluster = cluster()) {
            long before = cluster.resources().resourceVersion();
            ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply(
                    "kind: Widget\nmetadata: {name: w}\nspec:\n  color: invisible\n---\n" + WIDGETS, "w.yaml"));
            assertEquals("w.yaml:4:10: Widget \"w\": spec.color: an invisible widget cannot be painted", e.getMessage());
            assertEquals(before, cluster.resources().resourceVersion());

            ManifestException direct = assertThrows(ManifestException.class, () -> cluster.apply(new TestKinds.Widget(
                    ObjectMeta.of("v"), new TestKinds.WidgetSpec("invisible", 1, Duration.ZERO, List.of()), null)));
            assertEquals("<api>:0:0: Widget \"v\": spec.color: an invisible widget cannot be painted",
                    direct.getMessage());
        }
    }

    @Test
    void withoutItsProvider_theKindIsUnknown_andItsReconcilerCannotStart() {
        try (K4sCluster plain = K4sCluster.builder().discoverReconcilers(false).start()) {
            ManifestException e = assertThrows(ManifestException.class, () -> plain.apply(WIDGETS, "widgets.yaml"));
            assertTrue(e.getMessage().startsWith("widgets.yaml:2:7: \"w\": kind: unknown kind \"Widget\" (known kinds:"
                    + " ConfigMap, Container, CronJob, DaemonSet, Deployment, Event, HorizontalAutoscaler, Image, Job, Lease, Namespace, Node, ReplicaSet, ResourceQuota, Secret, Service)"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> K4sCluster.builder()
                .discoverReconcilers(false).addReconciler(new WidgetReconciler()).start());
        assertTrue(e.getMessage().startsWith("reconciler WidgetReconciler watches " + TestKinds.Widget.class.getName()
                + ", which is not a registered kind"), e.getMessage());
    }
}
