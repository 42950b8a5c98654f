package io.k4s.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerExecutor;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456789Z");
    private final ManifestReader reader = new ManifestReader();
    private final ManifestWriter writer = new ManifestWriter();

    private static ObjectMeta stored(String namespace, String name) {
        return new ObjectMeta(name, namespace, Map.of("app", "calc", "version", "2", "k4s.io/tier", "back"),
                Map.of("note", "true", "owner", "team: data"), "0b6f3c1c-2d11-4f1e-9a59-7f0c2a5e3d43", 42, 3,
                CREATED, List.of(new OwnerReference("ReplicaSet", "calc", "u-1", true),
                        new OwnerReference("Service", "front", "u-2", false)));
    }

    private static Map<String, Object> params() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, 2.5, "three", true, List.of("x")));
        nested.put("nothing", null);
        nested.put("deeper", Map.of("long", 10_000_000_000L, "yes", "yes"));
        return Map.of("precision", 4, "mode", "fast", "ratio", 0.1, "nested", nested, "numberText", "007");
    }

    @Test
    void container_withEveryFieldPopulated_roundTrips() {
        Container c = new Container(stored("pipeline", "calc-0"),
                new ContainerSpec("calculator", params(), RestartPolicy.ON_FAILURE, 77,
                        Duration.ofNanos(1_500_000_001), ContainerExecutor.PLATFORM),
                new ContainerStatus(ContainerPhase.RUNNING, "Started", "running fine", true, 2,
                        Instant.parse("2026-01-02T03:05:00Z"), new MessageCounters(10, 8, 1, 1),
                        "ArithmeticException: / by zero", 3));

        assertRoundTrip(c);
    }

    @Test
    void replicaSet_withEveryFieldPopulated_roundTrips() {
        ReplicaSet rs = new ReplicaSet(stored("default", "calc"),
                new ReplicaSetSpec(5, new ContainerTemplate(Map.of("app", "calc"), Map.of("team", "core"),
                        new ContainerSpec("calculator", params(), RestartPolicy.NEVER, 10, Duration.ofMillis(250)))),
                new ReplicaSetStatus(5, 4, 3, List.of(new Condition("ReplicaFailure", false, "Created",
                        "all created", Instant.parse("2026-01-02T03:04:06Z")),
                        new Condition("Progressing", true, null, null, null))));

        assertRoundTrip(rs);
    }

    @Test
    void service_withEitherSelector_roundTrips() {
        Service glob = new Service(stored("default", "calc"),
                new ServiceSpec(Selector.glob("calc-[0-9]*"), LoadBalancing.LEAST_LOADED),
                new ServiceStatus(List.of("calc-0", "calc-1"),
                        List.of(new Condition("EndpointsReady", true, "Found", "2 endpoints", CREATED)), 3));
        Service labels = Service.of(ObjectMeta.of("web"),
                new ServiceSpec(Selector.labels(Map.of("app", "web", "tier", "1")), null));

        assertRoundTrip(glob);
        assertRoundTrip(labels);
    }

    @Test
    void durations_areWrittenReadably_andReadBackExactly() {
        for (Duration d : List.of(Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofMillis(1500), Duration.ZERO,
                Duration.ofHours(400), Duration.ofNanos(1), Duration.ofSeconds(2_000_000))) {
            Container c = Container.of(ObjectMeta.of("c"), ContainerSpec.of("echo").withTerminationGracePeriod(d));
            assertRoundTrip(c);
        }
        assertTrue(writer.write(Container.of(ObjectMeta.of("c"), ContainerSpec.of("echo")
                .withTerminationGracePeriod(Duration.ofMillis(1500)))).contains("terminationGracePeriod: 1500ms"));
        assertTrue(writer.write(Container.of(ObjectMeta.of("c"), ContainerSpec.of("echo")
                .withTerminationGracePeriod(Duration.ofNanos(1)))).contains("terminationGracePeriod: PT0.000000001S"));
    }

    @Test
    void write_isPlainBlockYaml_withoutEmptyStatus() {
        Service svc = Service.of(ObjectMeta.of("calc"),
                new ServiceSpec(Selector.glob("calc-*"), LoadBalancing.ROUND_ROBIN));

        assertEquals("""
                apiVersion: k4s.io/v1
                kind: Service
                metadata:
                  name: calc
                  namespace: default
                spec:
                  selector: calc-*
                  loadBalancing: RoundRobin
                """, writer.write(svc));
    }

    @Test
    void numbersAndBooleansAsText_areQuoted_soTheyStayStrings() {
        Container c = Container.of(ObjectMeta.of("c").withLabels(Map.of("version", "2", "canary", "true")),
                ContainerSpec.of("echo", Map.of("port", "8080", "flag", "yes")));

        String yaml = writer.write(c);

        assertTrue(yaml.contains("version: '2'"), yaml);
        assertTrue(yaml.contains("canary: 'true'"), yaml);
        assertRoundTrip(c);
    }

    @Test
    void writeAll_separatesDocuments() {
        List<Resource> all = List.of(Container.of(ObjectMeta.of("a"), ContainerSpec.of("echo")),
                ReplicaSet.of(ObjectMeta.of("b"),
                        new ReplicaSetSpec(0, ContainerTemplate.of(Map.of(), ContainerSpec.of("echo")))));

        String yaml = writer.writeAll(all);

        assertEquals(1, Arrays.stream(yaml.split("\n")).filter(l -> l.equals("---")).count());
        assertEquals(all, reader.read(yaml));
        assertEquals("", writer.writeAll(List.of()));
    }

    @Test
    void writtenYaml_hasNoTags() {
        Container c = Container.of(ObjectMeta.of("c"), ContainerSpec.of("echo",
                Map.of("when", Instant.EPOCH, "wait", Duration.ofSeconds(3), "policy", RestartPolicy.NEVER,
                        "other", new StringBuilder("text"))));

        String yaml = writer.write(c);

        assertFalse(yaml.contains("!!"), yaml);
        assertEquals(1, reader.read(yaml).size());
    }

    @Test
    void unknownKind_isRefused() {
        Resource custom = new Resource() {
            public String kind() {
                return "Widget";
            }

            public ObjectMeta metadata() {
                return ObjectMeta.of("w");
            }

            public Object spec() {
                return "spec";
            }

            public Object status() {
                return null;
            }

            public Resource withMetadata(ObjectMeta metadata) {
                return this;
            }

            public Resource withStatus(Object status) {
                return this;
            }
        };

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.write(custom));
        assertTrue(e.getMessage().contains("is not a registered kind; known kinds: ConfigMap, Container, CronJob,"
                + " DaemonSet, Deployment, Event, HorizontalAutoscaler, Image, Job, Lease, Namespace, Node, ReplicaSet, ResourceQuota, Secret, Service"), e.getMessage());
    }

    private void assertRoundTrip(Resource r) {
        String yaml = writer.write(r);
        assertEquals(List.of(r), reader.read(yaml), yaml);
    }
}
