package io.k4s.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerResources;
import io.k4s.api.resource.InitWorker;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.Probe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Probes, handleTimeout, resources and initWorkers read from YAML, and their errors at FILE:LINE:COL. */
class LifecycleFieldsTest {

    private final ManifestReader reader = new ManifestReader();

    private Container container(String spec) {
        return (Container) reader.read("kind: Container\nmetadata: {name: c}\nspec:\n" + spec, "c.yaml").getFirst();
    }

    private ManifestError error(String spec) {
        ManifestException e = assertThrows(ManifestException.class,
                () -> reader.read("kind: Container\nmetadata: {name: c}\nspec:\n" + spec, "c.yaml"));
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().getFirst();
    }

    @Test
    void probes_takeKubernetesFields_inSecondsOrWithUnits_andDefaultAsKubernetes() {
        Container c = container("""
                  worker: echo
                  readinessProbe: {initialDelaySeconds: 2, periodSeconds: 500ms, timeoutSeconds: 250ms,
                                   successThreshold: 2, failureThreshold: 5}
                  livenessProbe: {}
                  handleTimeout: 1500ms
                  resources: {mailboxCapacity: 50, maxHandleRate: 12.5}
                  initWorkers:
                    - {name: load, worker: echo, params: {file: a.csv}}
                """);
        assertEquals(new Probe(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(250), 2, 5),
                c.spec().readinessProbe());
        assertEquals(Probe.defaults(), c.spec().livenessProbe());
        assertEquals(new Probe(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3), Probe.defaults());
        assertNull(c.spec().startupProbe());
        assertEquals(Duration.ofMillis(1500), c.spec().handleTimeout());
        assertEquals(new ContainerResources(50, 12.5, Duration.ofMillis(1500)), c.spec().resources(),
                "spec.handleTimeout, the older place, moves into resources");
        assertEquals(50, c.spec().mailboxCapacity());
        assertEquals(List.of(new InitWorker("load", "echo", Map.of("file", "a.csv"))), c.spec().initWorkers());
    }

    @Test
    void theOldMailboxCapacityField_stillWorks_andMovesIntoResources() {
        Container c = container("  worker: echo\n  mailboxCapacity: 7\n");
        assertEquals(new ContainerResources(7, 0), c.spec().resources());
        assertEquals(7, c.spec().mailboxCapacity());
    }

    @Test
    void handleTimeout_underResources_isThePlaceItIsWritten_andTheOlderSpecFieldStillWorks() {
        Container c = container("  worker: echo\n  resources: {maxHandleRate: 5, handleTimeout: 2s}\n");
        assertEquals(Duration.ofSeconds(2), c.spec().handleTimeout());
        assertEquals(new ContainerResources(0, 5, Duration.ofSeconds(2)), c.spec().resources());
        String yaml = new ManifestWriter().write(container("  worker: echo\n  handleTimeout: 750ms\n"));
        assertTrue(yaml.contains("resources:") && yaml.contains("handleTimeout: 750ms"), yaml);
        assertEquals(1, yaml.split("handleTimeout", -1).length - 1, "written once, under resources:\n" + yaml);
        assertEquals(Duration.ofMillis(750), container("  worker: echo\n  handleTimeout: 750ms\n"
                + "  resources: {handleTimeout: 750ms}\n").spec().handleTimeout(), "both, equal, are fine");
        assertEquals(c.spec(), container("  worker: echo\n  handleTimeout: 2s\n  resources: {maxHandleRate: 5}\n")
                .spec(), "the two spellings give the same spec");
    }

    @Test
    void handleTimeout_inBothPlacesWithDifferentValues_isAnErrorAtItsLineAndColumn() {
        assertEquals(new ManifestError("c.yaml", 5, 18, "Container", "c", "spec.handleTimeout",
                "2s differs from resources.handleTimeout 500ms; give it once, in resources.handleTimeout"),
                error("  worker: echo\n  handleTimeout: 2s\n  resources: {handleTimeout: 500ms}\n"));
        assertEquals("spec.resources.handleTimeout", error("  worker: echo\n  resources: {handleTimeout: -1s}\n")
                .field());
    }

    @Test
    void badProbeFields_areErrorsAtTheirLineAndColumn() {
        assertEquals(new ManifestError("c.yaml", 8, 20, "Container", "c", "spec.readinessProbe.periodSeconds",
                "at least 10ms, got 5ms"), error("  worker: echo\n  readinessProbe:\n    timeoutSeconds: 1\n"
                        + "    initialDelaySeconds: 0; periodSeconds: 5ms\n".replace("; ", "\n    ")));
        ManifestError unknown = error("  worker: echo\n  livenessProbe: {perodSeconds: 3}\n");
        assertEquals("spec.livenessProbe.perodSeconds", unknown.field());
        assertEquals(5, unknown.line());
        ManifestError threshold = error("  worker: echo\n  livenessProbe: {successThreshold: 2}\n");
        assertEquals("spec.livenessProbe.successThreshold", threshold.field());
        assertEquals("must be 1 for a livenessProbe, as in Kubernetes", threshold.message());
        ManifestError negative = error("  worker: echo\n  startupProbe: {failureThreshold: 0}\n");
        assertEquals("spec.startupProbe.failureThreshold", negative.field());
        ManifestError text = error("  worker: echo\n  readinessProbe: {timeoutSeconds: soon}\n");
        assertEquals("spec.readinessProbe.timeoutSeconds", text.field());
    }

    @Test
    void otherBadLifecycleFields_areErrorsAtTheField() {
        assertEquals("spec.mailboxCapacity", error("  worker: echo\n  mailboxCapacity: 5\n"
                + "  resources: {mailboxCapacity: 6}\n").field());
        assertEquals("spec.resources.maxHandleRate", error("  worker: echo\n  resources: {maxHandleRate: -1}\n")
                .field());
        ManifestError dup = error("  worker: echo\n"
                + "  initWorkers: [{name: a, worker: echo}, {name: a, worker: echo}]\n");
        assertEquals("spec.initWorkers", dup.field());
        assertEquals("spec.handleTimeout", error("  worker: echo\n  handleTimeout: -1s\n").field());
    }
}
