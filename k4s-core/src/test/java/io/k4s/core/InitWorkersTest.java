package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Init workers run to completion, in order, before the main worker; a failure follows the restart policy. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InitWorkersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ContainerStatus status(K4sCluster cluster, String name) {
        return cluster.resources().get(Container.class, "default", name).map(Container::status)
                .orElse(ContainerStatus.PENDING);
    }

    private static List<String> starts(String container) {
        return LifecycleTestWorkers.STARTS.stream().filter(s -> s.startsWith(container + ":"))
                .map(s -> s.substring(container.length() + 1)).toList();
    }

    @Test
    void initWorkersRunInOrder_statusShowsTheStep_andTheMainWorkerStartsAfterThem() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: Container
                    metadata: {name: seeded}
                    spec:
                      worker: probed
                      initWorkers:
                        - {name: schema, worker: init-step, params: {step: schema}}
                        - {name: data, worker: init-step, params: {step: data, gate: seeded-data}}
                    """);
            cluster.await(WAIT, "the second init worker running", () -> status(cluster, "seeded").reason()
                    .equals("Init:1/2"));
            assertEquals(ContainerPhase.PENDING, status(cluster, "seeded").phase());
            assertEquals(List.of("schema", "data"), starts("seeded"));
            CompletableFuture<Object> early = cluster.messenger().request(Address.container("seeded"), "who", WAIT);

            LifecycleTestWorkers.gate("seeded-data").countDown();
            cluster.await(WAIT, "seeded ready", () -> status(cluster, "seeded").ready());
            assertEquals(List.of("schema", "data", "main"), starts("seeded"));
            assertEquals("seeded", early.join(), "a message sent during init is handled by the main worker");

            cluster.messenger().send(Address.container("seeded"), "crash");
            cluster.await(WAIT, "seeded restarted", () -> status(cluster, "seeded").restartCount() == 1
                    && status(cluster, "seeded").ready());
            assertEquals(List.of("schema", "data", "main", "main"), starts("seeded"),
                    "completed init workers do not run again when the main worker restarts");
        }
    }

    @Test
    void aFailingInitWorker_withRestartPolicyNever_failsTheContainer_andTheMainWorkerNeverStarts() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: Container
                    metadata: {name: broken}
                    spec:
                      worker: probed
                      restartPolicy: Never
                      initWorkers:
                        - {name: load, worker: init-step, params: {step: load, fail: true}}
                        - {name: never, worker: init-step, params: {step: never}}
                    """);
            cluster.await(WAIT, "broken failed", () -> status(cluster, "broken").phase() == ContainerPhase.FAILED);
            ContainerStatus s = status(cluster, "broken");
            assertEquals("Init:Error", s.reason());
            assertTrue(s.lastError().contains("init worker load (init-step) failed"), s.lastError());
            assertTrue(s.lastError().contains("step load cannot load its data"), s.lastError());
            assertEquals(List.of("load"), starts("broken"));
        }
    }

    @Test
    void anInitWorkerOfAnUnknownType_isAManifestErrorAtItsField() {
        try (K4sCluster cluster = K4sCluster.start()) {
            ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply(
                    "kind: Container\nmetadata: {name: typo}\nspec:\n  worker: probed\n"
                            + "  initWorkers: [{name: load, worker: init-stpe}]\n"));
            ManifestError error = e.errors().getFirst();
            assertEquals("spec.initWorkers[0].worker", error.field());
            assertEquals(5, error.line());
            assertTrue(cluster.resources().get(Container.class, "default", "typo").isEmpty(), "nothing applied");
        }
    }

    @Test
    void aFailingInitWorker_withRestartPolicyAlways_isRetriedWithBackoff() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: Container
                    metadata: {name: retried}
                    spec:
                      worker: probed
                      initWorkers:
                        - {name: load, worker: init-step, params: {step: load, fail: true}}
                    """);
            cluster.await(WAIT, "three tries", () -> starts("retried").size() >= 3);
            ContainerStatus s = status(cluster, "retried");
            assertTrue(s.reason().startsWith("Init:"), s.reason());
            assertEquals(ContainerPhase.PENDING, s.phase());
            assertTrue(starts("retried").stream().allMatch("load"::equals), "the main worker never starts");
        }
    }

    @Test
    void initWorkerParamsFromAConfigMapAndASecret_areResolved_aMissingOneHoldsTheContainerPending() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: creds}
                    stringData: {step: from-secret}
                    ---
                    kind: Container
                    metadata: {name: configured}
                    spec:
                      worker: probed
                      initWorkers:
                        - {name: a, worker: init-step, params: {step: {valueFrom: {configMapKeyRef: {name: steps, key: first}}}}}
                        - {name: b, worker: init-step, params: {step: {valueFrom: {secretKeyRef: {name: creds, key: step}}}}}
                    """);
            cluster.await(WAIT, "configured waits for its ConfigMap", () -> "CreateContainerConfigError".equals(
                    status(cluster, "configured").reason()));
            assertEquals(ContainerPhase.PENDING, status(cluster, "configured").phase());
            assertEquals("configmap \"steps\" not found", status(cluster, "configured").message());
            assertEquals(List.of(), starts("configured"), "no init worker runs meanwhile");

            cluster.apply(ConfigMap.of("default", "steps", Map.of("other", "x")));
            cluster.await(WAIT, "configured names the missing key", () -> status(cluster, "configured").message()
                    .equals("couldn't find key first in ConfigMap default/steps (init worker a, param step)"));

            cluster.apply(ConfigMap.of("default", "steps", Map.of("first", "from-configmap")));
            cluster.await(WAIT, "configured ready", () -> status(cluster, "configured").ready());
            assertEquals(List.of("from-configmap", "from-secret", "main"), starts("configured"));
        }
    }

    @Test
    void aMalformedValueFromInAnInitWorker_isRefusedAtItsLine() {
        try (K4sCluster cluster = K4sCluster.start()) {
            ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply(
                    "kind: Container\nmetadata: {name: typo}\nspec:\n  worker: probed\n  initWorkers:\n"
                            + "    - {name: load, worker: init-step, params: {step: {valueFrom: {secretKeyRef: {name: db}}}}}\n"));
            ManifestError error = e.errors().getFirst();
            assertTrue(error.field().startsWith("spec.initWorkers[0].params.step.valueFrom"), error.field());
            assertEquals(6, error.line());
            assertTrue(cluster.resources().get(Container.class, "default", "typo").isEmpty(), "nothing applied");
        }
    }
}
