package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.event.Event;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ParamKeyRef;
import io.k4s.api.resource.ParamsFromSource;
import io.k4s.api.resource.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Containers take params from ConfigMaps and Secrets, resolved when they start, and wait for missing ones. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigParamsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Object ask(K4sCluster cluster, String container, String param) {
        return cluster.messenger().request(Address.container(container), param, WAIT).join();
    }

    private static Container container(K4sCluster cluster, String name) {
        return cluster.resources().get(Container.class, "default", name).orElseThrow();
    }

    @Test
    void paramsFromAConfigMap_andPerParamRefs_reachTheWorker_paramsWinOverParamsFrom() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: app}
                    data: {greeting: hello, color: blue}
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: db}
                    stringData: {password: s3cr3t-value}
                    ---
                    kind: Container
                    metadata: {name: reader}
                    spec:
                      worker: param
                      paramsFrom: [{configMapRef: {name: app}, prefix: app_}]
                      params:
                        color: red
                        pw: {valueFrom: {secretKeyRef: {name: db, key: password}}}
                        tone: {valueFrom: {configMapKeyRef: {name: app, key: greeting}}}
                    """);
            cluster.await(WAIT, "reader is ready", () -> container(cluster, "reader").status().ready());

            assertEquals("hello", ask(cluster, "reader", "app_greeting"));
            assertEquals("blue", ask(cluster, "reader", "app_color"));
            assertEquals("red", ask(cluster, "reader", "color"), "a param's own value stays");
            assertEquals("s3cr3t-value", ask(cluster, "reader", "pw"));
            assertEquals("hello", ask(cluster, "reader", "tone"));
        }
    }

    @Test
    void aCrashRestart_resolvesTheParamsAgain_seeingAChangedConfigMap() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: app}
                    data: {level: one}
                    ---
                    kind: Container
                    metadata: {name: crasher}
                    spec:
                      worker: param
                      paramsFrom: [{configMapRef: {name: app}}]
                    """);
            cluster.await(WAIT, "crasher is ready", () -> container(cluster, "crasher").status().ready());
            assertEquals("one", ask(cluster, "crasher", "level"));
            cluster.apply("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: app}
                    data: {level: two}
                    """);
            assertEquals("one", ask(cluster, "crasher", "level"), "a running worker keeps the params it started with");

            cluster.messenger().send(Address.container("crasher"), "crash!");
            cluster.await(WAIT, "crasher restarted and is ready", () -> container(cluster, "crasher").status()
                    .restartCount() == 1 && container(cluster, "crasher").status().ready());

            assertEquals("two", ask(cluster, "crasher", "level"));
        }
    }

    @Test
    void aCrashRestart_whoseConfigMapIsGone_waitsWithAFailedEvent_untilItIsBack() {
        try (K4sCluster cluster = K4sCluster.start()) {
            String manifest = """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: app}
                    data: {level: one}
                    ---
                    kind: Container
                    metadata: {name: crasher}
                    spec:
                      worker: param
                      paramsFrom: [{configMapRef: {name: app}}]
                    """;
            cluster.apply(manifest);
            cluster.await(WAIT, "crasher is ready", () -> container(cluster, "crasher").status().ready());
            cluster.delete(ConfigMap.class, "app");

            cluster.messenger().send(Address.container("crasher"), "crash!");
            cluster.await(WAIT, "a Failed event naming the missing ConfigMap", () -> cluster.resources()
                    .list(Event.class, "default").items().stream().anyMatch(e -> e.spec().reason().equals("Failed")
                            && e.spec().message().equals("Error: configmap \"app\" not found")));
            assertFalse(container(cluster, "crasher").status().ready(), "it waits rather than run without its params");

            cluster.apply(manifest.replace("one", "back"));
            cluster.await(WAIT, "crasher restarted and is ready", () -> container(cluster, "crasher").status().ready());
            assertEquals("back", ask(cluster, "crasher", "level"));
        }
    }

    @Test
    void aMissingConfigMap_keepsTheContainerPending_namingIt_untilItIsCreated() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply(Container.of(ObjectMeta.of("waiter"), ContainerSpec.of("param", Map.of(
                    "level", ParamKeyRef.configMapKey("later", "level").asParam()))));
            cluster.await(WAIT, "waiter reports its missing ConfigMap", () -> "CreateContainerConfigError".equals(
                    container(cluster, "waiter").status().reason()));
            Container waiting = container(cluster, "waiter");
            assertEquals(ContainerPhase.PENDING, waiting.status().phase());
            assertEquals("configmap \"later\" not found", waiting.status().message());
            assertTrue(cluster.runtime().state(waiting.key()).isEmpty(), "nothing runs meanwhile");

            cluster.apply(ConfigMap.of("default", "later", Map.of("other", "x")));
            cluster.await(WAIT, "waiter names the missing key", () -> container(cluster, "waiter").status().message()
                    .equals("couldn't find key level in ConfigMap default/later (param level)"));

            cluster.apply(ConfigMap.of("default", "later", Map.of("level", "7")));
            cluster.await(WAIT, "waiter starts", () -> container(cluster, "waiter").status().ready());
            assertEquals("7", ask(cluster, "waiter", "level"));
        }
    }

    @Test
    void optionalReferences_startWithoutTheirValues() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply(Container.of(ObjectMeta.of("relaxed"), ContainerSpec.of("param", Map.of(
                    "a", ParamKeyRef.secretKey("none", "a").asOptional().asParam()))
                    .withParamsFrom(List.of(new ParamsFromSource(new ParamsFromSource.ConfigRef("gone", true), null,
                            "")))));
            cluster.await(WAIT, "relaxed is ready", () -> container(cluster, "relaxed").status().ready());
            assertEquals("<absent>", ask(cluster, "relaxed", "a"));
        }
    }

    @Test
    void onlyTheContainerReferencingASecret_getsItsValues() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply(Secret.of("default", "db", Map.of("password", "s3cr3t-value")));
            cluster.apply(Container.of(ObjectMeta.of("with"), ContainerSpec.of("param")
                    .withParamsFrom(List.of(ParamsFromSource.secret("db")))));
            cluster.apply(Container.of(ObjectMeta.of("without"), ContainerSpec.of("param")));
            cluster.await(WAIT, "both are ready", () -> container(cluster, "with").status().ready()
                    && container(cluster, "without").status().ready());

            assertEquals("s3cr3t-value", ask(cluster, "with", "password"));
            assertEquals("<absent>", ask(cluster, "without", "password"));
            assertFalse(container(cluster, "with").toString().contains("s3cr3t-value"),
                    "the stored container holds the reference, not the value");
        }
    }

    @Test
    void aMalformedValueFrom_isRefusedAtItsLine_andChangesNothing() {
        try (K4sCluster cluster = K4sCluster.start()) {
            ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply("""
                    kind: Container
                    metadata: {name: bad}
                    spec:
                      worker: param
                      params:
                        pw: {valueFrom: {secretKeyRef: {name: db}}}
                    """, "bad.yaml"));
            assertTrue(e.getMessage().contains("bad.yaml:6:"), e.getMessage());
            assertTrue(e.getMessage().contains("spec.params.pw.valueFrom.secretKeyRef.key"), e.getMessage());
            assertTrue(cluster.resources().get(Container.class, "default", "bad").isEmpty());
        }
    }

    @Test
    void aDeploymentThatOptedIn_rollsOutWhenItsConfigMapChanges_andOneThatDidNot_keepsItsContainers() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply(ConfigMap.of("default", "app", Map.of("level", "1")));
            cluster.apply("""
                    kind: Deployment
                    metadata: {name: follows, annotations: {k4s.io/restart-on-config-change: "true"}}
                    spec:
                      replicas: 1
                      template:
                        metadata: {labels: {app: follows}}
                        spec: {worker: param, paramsFrom: [{configMapRef: {name: app}}]}
                    ---
                    kind: Deployment
                    metadata: {name: stays}
                    spec:
                      replicas: 1
                      template:
                        metadata: {labels: {app: stays}}
                        spec: {worker: param, paramsFrom: [{configMapRef: {name: app}}]}
                    """);
            cluster.rollouts().await("default", "follows", WAIT);
            cluster.rollouts().await("default", "stays", WAIT);
            assertEquals("1", paramOf(cluster, "follows", "level"));

            cluster.apply(ConfigMap.of("default", "app", Map.of("level", "2")));
            cluster.await(WAIT, "follows serves the new level", () -> "2".equals(paramOf(cluster, "follows",
                    "level")));
            assertEquals("1", paramOf(cluster, "stays", "level"), "without the annotation nothing restarts");
        }
    }

    /** The param {@code param} of a ready container of Deployment {@code deployment}, or null if none answers. */
    private static Object paramOf(K4sCluster cluster, String deployment, String param) {
        Container c = cluster.resources().list(Container.class, "default").items().stream()
                .filter(x -> deployment.equals(x.metadata().labels().get("app")) && x.status().ready()
                        && !x.metadata().deleting()).findFirst().orElse(null);
        try {
            return c == null ? null : ask(cluster, c.metadata().name(), param);
        } catch (CompletionException stoppedMeanwhile) {
            return null;
        }
    }
}
