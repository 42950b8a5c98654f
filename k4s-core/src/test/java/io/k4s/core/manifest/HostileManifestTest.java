package io.k4s.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.UnknownWorkerTypeException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.core.K4sCluster;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile manifests through the whole apply path of a real cluster (not only the reader): each
 * is refused with errors that carry a line, changes nothing, and builds nothing it names.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileManifestTest {

    private static K4sCluster cluster;

    @BeforeAll
    static void start() {
        cluster = K4sCluster.builder().discoverReconcilers(false).start();
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    /** Apply {@code yaml}, expect it refused with every error on a line, and nothing written. */
    private static ManifestException refused(String yaml) {
        long before = cluster.resources().resourceVersion();
        ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply(yaml, "hostile.yaml"));
        for (ManifestError error : e.errors()) {
            assertTrue(error.line() >= 1, "every error carries a line: " + error);
        }
        assertEquals(before, cluster.resources().resourceVersion(), "a refused manifest writes nothing");
        return e;
    }

    private static String container(String worker) {
        return "kind: Container\nmetadata: {name: c}\nspec:\n  worker: " + worker + "\n";
    }

    @Test
    void jdkClassNamesAsWorkers_areUnknownWorkerTypes_andNeverInstantiated() {
        int built = Tripwire.BUILT.get();
        for (String name : List.of("java.lang.Runtime", "java.lang.ProcessBuilder", "java.net.URLClassLoader",
                "javax.script.ScriptEngineManager", "io.k4s.core.manifest.Tripwire", "java.lang.Object")) {
            ManifestException e = refused(container(name));
            assertEquals(4, e.errors().getFirst().line(), e.getMessage());
            assertTrue(e.getMessage().contains("unknown worker type \"" + name + "\""), e.getMessage());
            Container direct = Container.of(ObjectMeta.of("direct"), ContainerSpec.of(name));
            assertThrows(ManifestException.class, () -> cluster.apply(direct));
            assertThrows(UnknownWorkerTypeException.class, () -> cluster.runtime().start(direct));
        }
        assertEquals(built, Tripwire.BUILT.get(), "no class named as a worker was instantiated");
    }

    @Test
    void billionLaughs_isRefusedQuickly() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                yaml.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("kind: Container\nmetadata: {name: c}\nspec: {worker: echo, params: {x: *a9}}\n");
        refused(yaml.toString());
    }

    @Test
    void deepNesting_isRefused_withoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        refused("kind: Container\nmetadata: {name: c}\nspec: {worker: echo, params: {x: " + deep + "}}\n");
        refused("kind: Container\nmetadata: {name: c}\nspec: {worker: echo, params: " + "{a: ".repeat(5_000)
                + "1" + "}".repeat(5_000) + "}\n");
    }

    @Test
    void hugeScalars_areReadOrRefusedWithALine() {
        // Under the 3 MB document limit (ManifestReaderTest covers documents over it).
        String big = "x".repeat(500_000);
        List<Resource> read = cluster.manifestReader().read(
                "kind: Container\nmetadata: {name: c}\nspec: {worker: echo, params: {blob: " + big + "}}\n");
        assertEquals(big, ((Container) read.getFirst()).spec().params().get("blob"));
        refused("kind: Container\nmetadata: {name: " + "a".repeat(300_000) + "}\nspec: {worker: echo}\n");
        refused("kind: Container\nmetadata: {name: c}\nspec: {worker: " + "w".repeat(300_000) + "}\n");
        refused("kind: Container\nmetadata: {name: c, labels: {" + "k".repeat(300_000) + ": v}}\nspec: {worker: echo}\n");
    }

    @Test
    void hugeLabelValue_isRefusedWithItsLength_notEchoedInFull() {
        String megabyte = "v".repeat(1 << 20);

        ManifestException e = refused("kind: Container\nmetadata: {name: c, labels: {app: \"" + megabyte
                + "-\"}}\nspec: {worker: echo}\n");

        String message = e.errors().getFirst().message();
        assertTrue(message.contains("(1048577 characters)"), message);
        assertTrue(message.length() < 400, "the message is " + message.length() + " characters long");
    }

    @Test
    void duplicateKeys_areRefused_atEveryLevel() {
        refused("kind: Container\nkind: Container\nmetadata: {name: c}\nspec: {worker: echo}\n");
        refused("kind: Container\nmetadata: {name: c, name: d}\nspec: {worker: echo}\n");
        refused("kind: Container\nmetadata: {name: c, labels: {a: b, a: c}}\nspec: {worker: echo}\n");
    }

    @Test
    void negativeOrEnormousReplicas_areRefusedWithTheBound() {
        for (String replicas : List.of("-1", "1000001", "2147483648", "99999999999999999999999", "1e9", ".inf",
                "0x7fffffff")) {
            ManifestException e = refused("kind: ReplicaSet\nmetadata: {name: r}\nspec:\n  replicas: " + replicas
                    + "\n  template: {spec: {worker: echo}}\n");
            assertEquals(4, e.errors().getFirst().line(), e.getMessage());
            assertTrue(e.getMessage().contains("spec.replicas"), e.getMessage());
        }
    }

    @Test
    void namesThatAreNotDns1123_areRefused() {
        for (String name : List.of("Calc", "calc_0", "-calc", "calc-", "a".repeat(254), "\"ca lc\"", "\"\"",
                "caf\u00e9", "\"../etc/passwd\"")) {
            ManifestException e = refused("kind: Container\nmetadata: {name: " + name + "}\nspec: {worker: echo}\n");
            assertTrue(e.getMessage().contains("metadata.name"), e.getMessage());
        }
        refused("kind: Container\nmetadata: {name: c, namespace: " + "n".repeat(64) + "}\nspec: {worker: echo}\n");
    }

    @Test
    void selectorsThatAreInvalidGlobs_areRefused() {
        for (String glob : List.of("\"calc-[0-9\"", "\"]\"", "\"[]\"", "\"[!]\"", "\"\"")) {
            ManifestException e = refused("kind: Service\nmetadata: {name: s}\nspec: {selector: " + glob + "}\n");
            assertEquals(3, e.errors().getFirst().line(), e.getMessage());
        }
    }
}
