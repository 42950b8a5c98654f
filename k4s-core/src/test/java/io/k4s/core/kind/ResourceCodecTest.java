package io.k4s.core.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.k4s.api.event.Event;
import io.k4s.api.event.EventType;
import io.k4s.api.event.ObjectReference;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.DaemonSet;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.ImageNodeStatus;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageSpec;
import io.k4s.api.resource.ImageStatus;
import io.k4s.api.resource.ImageWorker;
import io.k4s.api.resource.IntOrPercent;
import io.k4s.api.resource.InvalidResourceException;
import io.k4s.api.resource.Lease;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.QuotaAmounts;
import io.k4s.api.resource.ResourceQuota;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ParamKeyRef;
import io.k4s.api.resource.ParamsFromSource;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.resource.Secret;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.ServiceStatus;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.ValidationContext;
import io.k4s.core.manifest.ManifestReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceCodecTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456789Z");
    private static final KindRegistry KINDS = KindRegistry.load(TestKinds.loader("widgets"));

    private final ResourceCodec codec = new ResourceCodec(KINDS);
    private final ManifestReader reader = new ManifestReader(KINDS);

    /** Metadata with every field set, deletion and finalizers included. */
    static ObjectMeta everyField(String name) {
        return new ObjectMeta(name, "pipeline", Map.of("app", "calc", "version", "2"),
                Map.of("note", "true", "owner", "team: data"), "0b6f3c1c-2d11-4f1e-9a59-7f0c2a5e3d43", 42, 3,
                CREATED, List.of(new OwnerReference("ReplicaSet", "calc", "u-1", true, "k4s.io/v1", true),
                        new OwnerReference("Service", "front", "u-2", false, "example.com/v2", false)),
                "calc-", Instant.parse("2026-01-03T00:00:00Z"), 30L, List.of("k4s.io/drain", "example.com/audit"));
    }

    static Map<String, Object> params() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, 2.5, "three", true, List.of("x")));
        nested.put("nothing", null);
        nested.put("deeper", Map.of("long", 10_000_000_000L, "yes", "yes"));
        return Map.of("precision", 4, "mode", "fast", "ratio", 0.1, "nested", nested, "numberText", "007");
    }

    static List<Resource> everyKind() {
        Container container = new Container(everyField("calc-0"),
                new ContainerSpec("calculator", params(), RestartPolicy.ON_FAILURE, 77, Duration.ofNanos(1_500_000_001)),
                new ContainerStatus(ContainerPhase.RUNNING, "Started", "running fine", true, 2,
                        Instant.parse("2026-01-02T03:05:00Z"), new MessageCounters(10, 8, 1, 1),
                        "ArithmeticException: / by zero", 3, "{sum: 5}", Instant.parse("2026-01-02T03:05:01Z")));
        ReplicaSet replicaSet = new ReplicaSet(everyField("calc"),
                new ReplicaSetSpec(5, new ContainerTemplate(Map.of("app", "calc"), Map.of("team", "core"),
                        new ContainerSpec("calculator", params(), RestartPolicy.NEVER, 10, Duration.ofMillis(250))),
                        Duration.ofMillis(1500)),
                new ReplicaSetStatus(5, 4, 3, List.of(new Condition("ReplicaFailure", false, "Created", "all created",
                        Instant.parse("2026-01-02T03:04:06Z"), Instant.parse("2026-01-02T03:04:07Z")),
                        new Condition("Progressing", true, null, null, null)), 2));
        Service glob = new Service(everyField("calc"),
                new ServiceSpec(Selector.glob("calc-[0-9]*"), LoadBalancing.LEAST_LOADED),
                new ServiceStatus(List.of("calc-0", "calc-1"),
                        List.of(new Condition("EndpointsReady", true, "Found", "2 endpoints", CREATED)), 3));
        Service labels = Service.of(ObjectMeta.of("web"), new ServiceSpec(Selector.labels(Map.of("app", "web")), null));
        TestKinds.Widget widget = new TestKinds.Widget(everyField("w"),
                new TestKinds.WidgetSpec("blue", 3, Duration.ofMillis(1500), List.of(1.5, 2.0)),
                new TestKinds.WidgetStatus(3, true, List.of(new Condition("Painted", true, "", "", null))));
        TestKinds.Note note = new TestKinds.Note(ObjectMeta.of("n"), new TestKinds.NoteData(Map.of("a", "1"), true));
        List<Resource> all = new ArrayList<>(List.of(container, replicaSet, glob, labels, widget, note,
                Container.of(ObjectMeta.of("bare"), ContainerSpec.of("echo"))));
        all.addAll(WorkloadExamples.all(everyField("batch")));
        all.add(Container.of(ObjectMeta.of("imaged"), ContainerSpec.of("greeter").withImage("greeter:1.0")));
        all.add(new Image(everyField("greeter-1.0"), new ImageSpec("greeter", "1.0"),
                ImageStatus.of(List.of(new ImageNodeStatus("n1", ImagePhase.AVAILABLE, "/plugins/greeter-1.0.jar",
                        List.of("/plugins/greeter-1.0.jar"),
                        List.of(new ImageWorker("greeter", "com.example.GreeterWorker", "greets")), List.of(),
                        List.of("default/imaged"), 1, Instant.parse("2026-01-02T03:04:08Z")),
                        new ImageNodeStatus("n2", ImagePhase.BROKEN, "/other/greeter-1.0.jar",
                                List.of("/other/greeter-1.0.jar"), List.of(), List.of("/other/greeter-1.0.jar: not a"
                                + " jar"), List.of(), 0, null)))));
        all.add(ConfigMap.of("default", "settings", Map.of("greeting", "hello", "level", "3")));
        all.add(new Secret(everyField("db"), new Secret.SecretData("Opaque", Map.of("token", "dG9r"),
                Map.of("password", "s3cr3t"))));
        all.add(new Namespace(ObjectMeta.of("team").withFinalizers(List.of(Namespace.FINALIZER)), null,
                Namespace.NamespaceStatus.TERMINATING));
        all.add(new ResourceQuota(everyField("small"), new ResourceQuota.ResourceQuotaSpec(new QuotaAmounts(10L, 20L,
                1000L, 50.5)), new ResourceQuota.ResourceQuotaStatus(new QuotaAmounts(10L, 20L, 1000L, 50.5),
                new QuotaAmounts(2L, 3L, 200L, 0.0))));
        all.add(new Event(ObjectMeta.of("calc.0123456789abcdef"), new Event.EventData(new ObjectReference("ReplicaSet",
                "default", "calc", "u-1", null), "SuccessfulCreate", "Created container: calc-0", EventType.NORMAL, 3,
                CREATED, CREATED.plusSeconds(5), "k4s")));
        all.add(new Container(ObjectMeta.of("configured"), ContainerSpec.of("echo", Map.of("pw",
                ParamKeyRef.secretKey("db", "password").asOptional().asParam(), "plain", 1))
                .withParamsFrom(List.of(ParamsFromSource.configMap("settings"), new ParamsFromSource(null,
                        new ParamsFromSource.ConfigRef("db", true), "db_"))), null));
        all.add(new Container(ObjectMeta.of("bound"), ContainerSpec.of("echo").withNodeName("n1")
                .withNodeSelector(Map.of("zone", "a")), null));
        all.add(new Node(ObjectMeta.of("n1").withLabels(Map.of("zone", "a")), new Node.NodeSpec(true),
                new Node.NodeStatus(100, List.of(new Node.NodeCondition(Node.READY, Node.NodeCondition.Status.UNKNOWN,
                        "NodeStatusUnknown", "silent", CREATED, CREATED.plusSeconds(10))), List.of("greeter:1.0"))));
        all.add(new Lease(ObjectMeta.of(Lease.NODE_LEASE_NAMESPACE, "n1"), new Lease.LeaseSpec("n1", 10, CREATED,
                CREATED.plusSeconds(2), 1)));
        all.add(new DaemonSet(ObjectMeta.of("agent"), new DaemonSet.DaemonSetSpec(ContainerTemplate.of(
                Map.of("app", "agent"), ContainerSpec.of("echo").withNodeSelector(Map.of("zone", "a"))),
                new DaemonSet.UpdateStrategy(true, IntOrPercent.percent(50))),
                new DaemonSet.DaemonSetStatus(3, 3, 2, 1, 4)));
        return all;
    }

    @Test
    void everyKind_roundTripsThroughTheGenericForm_Json_andYaml() {
        assertTrue(everyKind().stream().map(Resource::kind).toList().containsAll(KINDS.names()),
                "every registered kind is in the round trip");
        for (Resource given : everyKind()) {
            Resource r = scoped(given);
            Map<String, Object> generic = codec.toGeneric(given);
            assertPlain(generic, r.kind());
            assertEquals(r, codec.fromGeneric(generic), "generic form of " + r.kind());
            assertEquals(r, codec.fromJson(codec.toJson(r)), "JSON of " + r.kind());
            assertEquals(r, codec.fromJson(codec.toJson(r), r.getClass()), "typed JSON of " + r.kind());
            assertEquals(List.of(r), reader.read(codec.toYaml(r)), "YAML of " + r.kind());
        }
        assertEquals(everyKind().stream().map(ResourceCodecTest::scoped).toList(), reader.read(codec.toYaml(everyKind())));
    }

    /** {@code given} as it reads back: a cluster-scoped kind without the namespace it was given. */
    private static Resource scoped(Resource given) {
        return KINDS.kindOf(given).orElseThrow().namespaced() ? given
                : given.withMetadata(given.metadata().withNamespace(ObjectMeta.NO_NAMESPACE));
    }

    @Test
    void wireForm_isKubernetes_resourceVersionAsText_conditionStatusAsTrueFalse_inlineSpec() {
        List<Resource> all = everyKind();
        Map<String, Object> rs = codec.toGeneric(all.get(1));
        Map<?, ?> meta = (Map<?, ?>) rs.get("metadata");
        Map<?, ?> condition = (Map<?, ?>) ((List<?>) ((Map<?, ?>) rs.get("status")).get("conditions")).getFirst();
        Map<String, Object> note = codec.toGeneric(all.get(5));
        Map<String, Object> widget = codec.toGeneric(all.get(4));

        assertEquals("42", meta.get("resourceVersion"));
        assertEquals(3L, meta.get("generation"));
        assertEquals("2026-01-02T03:04:05.123456789Z", meta.get("creationTimestamp"));
        assertEquals("False", condition.get("status"));
        assertEquals(List.of("apiVersion", "kind", "metadata", "data", "immutable"), List.copyOf(note.keySet()));
        assertEquals("1500ms", ((Map<?, ?>) widget.get("spec")).get("timeout"), "not whole seconds: text");
        assertEquals(List.of("apiVersion", "kind", "metadata", "spec"),
                List.copyOf(codec.toGeneric(all.get(3)).keySet()), "an empty status is left out");
    }

    @Test
    void readingTheGenericForm_acceptsJavaNumbersAndBooleanConditionStatus() {
        Map<String, Object> generic = new LinkedHashMap<>(Map.of("kind", "Service", "metadata",
                Map.of("name", "s", "resourceVersion", 7, "generation", (short) 2),
                "spec", Map.of("selector", "s-*"),
                "status", Map.of("conditions", List.of(Map.of("type", "EndpointsReady", "status", true)))));

        Service s = codec.fromGeneric(generic, Service.class);

        assertEquals(7, s.metadata().resourceVersion());
        assertTrue(s.status().conditions().getFirst().status());
        assertEquals(Duration.ofSeconds(45), codec.fromGeneric(Map.of("kind", "Widget", "metadata", Map.of("name", "w"),
                "spec", Map.of("color", "red", "timeout", 45)), TestKinds.Widget.class).spec().timeout(),
                "a seconds field counts a bare integer in seconds");
    }

    @Test
    void invalidGenericForm_reportsEveryErrorWithItsPath() {
        Map<String, Object> generic = Map.of("apiVersion", "k4s.io/v1", "kind", "ReplicaSet",
                "metadata", Map.of("name", "Bad_Name", "labels", Map.of("a", 1)),
                "spec", Map.of("replicas", "3", "template", Map.of("spec", Map.of("restartPolicy", "always")), "extra", 1));

        InvalidResourceException e = assertThrows(InvalidResourceException.class, () -> codec.fromGeneric(generic));

        assertEquals("ReplicaSet", e.kind());
        assertEquals("Bad_Name", e.name());
        assertEquals(List.of("metadata.labels.a", "metadata.name", "spec.extra", "spec.replicas",
                        "spec.template.spec.restartPolicy", "spec.template.spec.worker"),
                e.errors().stream().map(FieldError::path).sorted().toList());
        assertTrue(e.errors().contains(new FieldError("spec.replicas", "expected a non-negative integer, got \"3\"")),
                e.errors().toString());
        assertTrue(e.errors().contains(new FieldError("spec.template.spec.restartPolicy",
                "expected one of Always, OnFailure, Never, got \"always\"; did you mean \"Always\"?")), e.errors().toString());
    }

    @Test
    void kindsThatDoNotMatch_orAreUnknown_areErrors() {
        Map<String, Object> service = Map.of("kind", "Service", "metadata", Map.of("name", "s"),
                "spec", Map.of("selector", "x"));

        InvalidResourceException wrongType = assertThrows(InvalidResourceException.class,
                () -> codec.fromGeneric(service, Container.class));
        InvalidResourceException unknown = assertThrows(InvalidResourceException.class,
                () -> codec.fromJson("{\"kind\": \"Servce\", \"metadata\": {\"name\": \"s\"}}"));
        InvalidResourceException notAMap = assertThrows(InvalidResourceException.class, () -> codec.fromJson("[1]"));

        assertTrue(wrongType.errors().contains(new FieldError("kind", "expected \"Container\", got \"Service\"")),
                wrongType.errors().toString());
        assertEquals(List.of(new FieldError("kind", "unknown kind \"Servce\"; did you mean \"Service\"? (known kinds:"
                + " ConfigMap, Container, CronJob, DaemonSet, Deployment, Event, HorizontalAutoscaler, Image, Job, Lease, Namespace, Node, Note, ReplicaSet, ResourceQuota, Secret, Service, Widget)")),
                unknown.errors());
        assertEquals("the resource is invalid: expected a map with apiVersion, kind, metadata and spec, got a list",
                notAMap.getMessage());
    }

    @Test
    void paramsThatHoldThemselves_orJavaObjects_areReported_notFollowedForever() {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("self", loop);
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("worker", "echo"));
        spec.put("params", loop);
        Map<String, Object> odd = Map.of("worker", "echo", "params", Map.of("when", new StringBuilder("now")));

        InvalidResourceException deep = assertThrows(InvalidResourceException.class, () -> codec.fromGeneric(
                Map.of("kind", "Container", "metadata", Map.of("name", "c"), "spec", spec)));
        InvalidResourceException object = assertThrows(InvalidResourceException.class, () -> codec.fromGeneric(
                Map.of("kind", "Container", "metadata", Map.of("name", "c"), "spec", odd)));

        assertEquals(List.of(new FieldError("spec.params", "params nest deeper than 50 levels: is an alias used inside"
                + " itself?")), deep.errors());
        assertEquals(List.of(new FieldError("spec.params.when", "expected a plain value (a string, number, boolean,"
                + " list or map), got a StringBuilder")), object.errors());
    }

    @Test
    void validate_checksAJavaBuiltResourceAgainstItsSchema_askingTheContext() {
        Container c = Container.of(ObjectMeta.of("c").withLabels(Map.of("bad key", "x")), ContainerSpec.of("ecko"));

        List<FieldError> errors = codec.validate(c, w -> w.equals("echo") ? null : "unknown worker type \"" + w + "\"");

        assertEquals(List.of(new FieldError("metadata.labels.bad key", "label key \"bad key\" is not valid: use up to"
                        + " 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"),
                new FieldError("spec.worker", "unknown worker type \"ecko\"")), errors);
        assertEquals(List.of(new FieldError("spec.color", "an invisible widget cannot be painted")), codec.validate(
                new TestKinds.Widget(ObjectMeta.of("w"), new TestKinds.WidgetSpec("invisible", 1, Duration.ZERO,
                        List.of()), null), ValidationContext.LENIENT));
    }

    @Test
    void json_isReadWithLimits_andStrictly() {
        String deep = "{\"kind\": \"Container\", \"spec\": {\"params\": {\"x\": " + "[".repeat(200) + "]".repeat(200)
                + "}}}";
        String longString = "{\"kind\": \"Container\", \"metadata\": {\"name\": \"" + "a".repeat(2 * 1024 * 1024)
                + "\"}}";
        String huge = "{\"kind\": \"Container\", \"x\": \"" + "a".repeat(3 * 1024 * 1024) + "\"}";

        assertInvalid(deep, "the JSON text exceeds a limit: Document nesting depth (65) exceeds the maximum allowed (64");
        assertInvalid(longString, "the JSON text exceeds a limit: String value length");
        assertInvalid(huge, "the JSON text is " + huge.length() + " characters long; at most 3145728 are read");
        assertInvalid("{\"kind\": \"Container\", \"kind\": \"Service\"}", "invalid JSON: Duplicate field 'kind'");
        assertInvalid("{\"kind\": \"Container\"} {}", "invalid JSON: Trailing token");
        assertInvalid("{\"kind\": ", "invalid JSON: Unexpected end-of-input");
    }

    private void assertInvalid(String json, String start) {
        InvalidResourceException e = assertThrows(InvalidResourceException.class, () -> codec.fromJson(json));
        String message = e.errors().getFirst().message();
        assertTrue(message.startsWith(start), message.length() > 300 ? message.substring(0, 300) : message);
    }

    /** The generic form holds only LinkedHashMap, ArrayList, String, Long, Double, Boolean and null. */
    private static void assertPlain(Object value, String where) {
        switch (value) {
            case null -> { }
            case String s -> { }
            case Long l -> { }
            case Double d -> { }
            case Boolean b -> { }
            case LinkedHashMap<?, ?> m -> m.forEach((k, v) -> {
                assertTrue(k instanceof String, where + ": key " + k);
                assertPlain(v, where + "." + k);
            });
            case ArrayList<?> l -> l.forEach(v -> assertPlain(v, where + "[]"));
            default -> fail(where + " holds a " + value.getClass().getName());
        }
    }
}
