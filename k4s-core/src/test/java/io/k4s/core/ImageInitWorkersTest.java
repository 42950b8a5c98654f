package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.LogLine;
import io.k4s.core.registry.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Init workers of a container that names an image are worker types of that image, as its main worker is. */
class ImageInitWorkersTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private K4sCluster cluster;

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** An image prep:1.0 whose init worker "seed" leaves a value that its worker "serve" answers with. */
    private void start() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.jar(plugins.resolve("prep-1.0.jar"), Map.of(
                "com.example.Seeds", """
                        package com.example;
                        public final class Seeds {
                          public static volatile String value = "unseeded";
                        }
                        """,
                "com.example.SeedWorker", """
                        package com.example;
                        @io.k4s.api.WorkerType("seed")
                        public class SeedWorker implements io.k4s.api.Worker {
                          public void start(io.k4s.api.WorkerContext c) {
                            Seeds.value = "seeded by " + c.params().string("by", "nobody");
                          }
                          public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) { return null; }
                        }
                        """,
                "com.example.ServeWorker", """
                        package com.example;
                        @io.k4s.api.WorkerType("serve")
                        public class ServeWorker implements io.k4s.api.Worker {
                          public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                            return Seeds.value;
                          }
                        }
                        """), List.of("com.example.SeedWorker", "com.example.ServeWorker"));
        cluster = K4sCluster.builder().plugins(plugins).start();
    }

    @Test
    void anInitWorkerOfTheImage_runsBeforeTheMainWorker_inTheImagesClassLoader() throws Exception {
        start();

        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: prepared}
                spec:
                  worker: serve
                  image: "prep:1.0"
                  initWorkers:
                    - {name: load, worker: seed, params: {by: load}}
                """);
        cluster.await(WAIT, "prepared to be ready", () -> cluster.resources()
                .get(Container.class, ObjectMeta.DEFAULT_NAMESPACE, "prepared")
                .map(c -> c.status().ready()).orElse(false));

        assertEquals("seeded by load", cluster.messenger().request(Address.container("prepared"), "?", WAIT).join(),
                "the main worker sees what the init worker left in the image's classes");
        List<String> lines = cluster.runtime().logs(ResourceKey.of("prepared"), false).orElseThrow().stream()
                .map(LogLine::text).toList();
        assertTrue(lines.contains("[k4s] init worker load completed"), lines.toString());
    }

    @Test
    void anInitWorkerTypeTheImageLacks_isAnApplyError_atItsWorkerField() throws Exception {
        start();

        ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: typo}
                spec:
                  worker: serve
                  image: "prep:1.0"
                  initWorkers:
                    - {name: load, worker: sead}
                """, "typo.yaml"));

        assertTrue(e.getMessage().contains("typo.yaml:") && e.getMessage().contains("spec.initWorkers[0].worker")
                && e.getMessage().contains("image prep:1.0") && e.getMessage().contains("did you mean \"seed\""),
                e.getMessage());
        assertTrue(cluster.resources().get(Container.class, ObjectMeta.DEFAULT_NAMESPACE, "typo").isEmpty());
    }
}
