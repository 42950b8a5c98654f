package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.ImageUnavailableException;
import io.k4s.api.IncompatiblePayloadException;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ImageStatus;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.controllers.Scheduler;
import io.k4s.core.registry.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images in a running cluster: real jars in a watched plugins folder, real class loaders. */
class ImagesClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ImageRef V1 = ImageRef.parse("greeter:1.0");
    private static final ImageRef V2 = ImageRef.parse("greeter:2.0");

    @TempDir
    Path tmp;

    private K4sCluster cluster;

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Path plugins() throws Exception {
        return Files.createDirectories(tmp.resolve("plugins"));
    }

    private K4sCluster start(Path plugins) {
        cluster = K4sCluster.builder().plugins(plugins).start();
        return cluster;
    }

    private static String greeters(String name, ImageRef image, int replicas) {
        return """
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: %1$s}
                spec:
                  replicas: %3$d
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec: {worker: greeter, image: "%2$s"}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: %1$s}
                spec: {selector: {app: %1$s}}
                """.formatted(name, image, replicas);
    }

    private Object ask(String service, Object payload) {
        return cluster.messenger().request(Address.service(service), payload, WAIT).join();
    }

    private Optional<Image> image(ImageRef ref) {
        return cluster.resources().get(Image.class, ObjectMeta.DEFAULT_NAMESPACE, ref.resourceName());
    }

    private int containerCount(ImageRef ref) {
        return image(ref).map(i -> i.status().containerCount()).orElse(0);
    }

    private Container container(String name) {
        return cluster.resources().get(Container.class, ObjectMeta.DEFAULT_NAMESPACE, name).orElseThrow();
    }

    @Test
    void twoVersions_runSideBySide_withDifferentAnswers() throws Exception {
        Path dir = plugins();
        ImageJars.dropGreeter(dir, V1);
        ImageJars.dropGreeter(dir, V2);
        start(dir);

        cluster.apply(greeters("old", V1, 2) + "---\n" + greeters("new", V2, 2));
        cluster.awaitEndpoints("old", 2, WAIT);
        cluster.awaitEndpoints("new", 2, WAIT);

        assertEquals("hi from 1.0", ask("old", "hi"));
        assertEquals("hi from 2.0", ask("new", "hi"));
        cluster.await(WAIT, "both Images to list their two containers", () -> containerCount(V1) == 2
                && containerCount(V2) == 2);
        Image one = image(V1).orElseThrow();
        assertEquals(ImagePhase.AVAILABLE, one.status().phase());
        assertEquals("greeter", one.status().workers().getFirst().name());
        assertEquals("com.example.GreeterWorker", one.status().workers().getFirst().className());
        assertEquals(List.of("default/old-0", "default/old-1"), one.status().containers());
        assertEquals(dir.resolve(V1.jarName()).toAbsolutePath().toString(), one.status().source());
    }

    @Test
    void anImageDroppedInLater_isAccepted_theContainerWaitsUnschedulableNamingIt_andStartsWhenItComes()
            throws Exception {
        Path dir = plugins();
        ImageJars.dropGreeter(dir, V1);
        start(dir);

        cluster.apply(greeters("late", V2, 1));
        cluster.await(WAIT, "late-0 to wait for its image", () -> cluster.resources()
                .get(Container.class, ObjectMeta.DEFAULT_NAMESPACE, "late-0")
                .map(c -> Scheduler.UNSCHEDULABLE.equals(c.status().reason())).orElse(false));
        Container waiting = container("late-0");
        assertEquals(ContainerPhase.PENDING, waiting.status().phase());
        assertEquals("0/1 nodes are available: " + cluster.nodeName() + ": does not have image greeter:2.0",
                waiting.status().message());

        ImageJars.dropGreeter(dir, V2);

        cluster.awaitEndpoints("late", 1, WAIT);
        assertEquals("hi from 2.0", ask("late", "hi"));
        assertEquals(List.of("greeter:1.0", "greeter:2.0"), cluster.resources().get(Node.class,
                ObjectMeta.NO_NAMESPACE, cluster.nodeName()).orElseThrow().status().images());
        cluster.await(WAIT, "the Image greeter:2.0 to be reported Available", () -> image(V2)
                .map(i -> i.status().phase() == ImagePhase.AVAILABLE).orElse(false));
    }

    @Test
    void anImageReportedBeforeEntriesPerNode_isDeletedByANodeWithoutIt() throws Exception {
        Path dir = plugins();
        start(dir);
        ImageRef old = ImageRef.parse("greeter:0.9");
        Image created = cluster.resources().create(Image.of(old));
        cluster.resources().updateStatus(created.withStatus(new ImageStatus(ImagePhase.AVAILABLE,
                "/gone/greeter-0.9.jar", List.of(), List.of(), List.of(), List.of(), 0, null, List.of())));

        ImageJars.dropGreeter(dir, V1); // a change of the images: the node passes over every Image again

        cluster.await(WAIT, "greeter:1.0 to be reported", () -> image(V1).isPresent());
        cluster.await(WAIT, "greeter:0.9, which no node holds, to be deleted", () -> image(old).isEmpty());
    }

    @Test
    void aContainerBoundByHand_toANodeWithoutItsImage_waitsWithImageNotFound() throws Exception {
        Path dir = plugins();
        start(dir);

        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: pinned}
                spec: {worker: greeter, image: "greeter:2.0", nodeName: %s}
                """.formatted(cluster.nodeName()));

        cluster.await(WAIT, "pinned to wait for its image", () -> ImageUnavailableException.IMAGE_NOT_FOUND
                .equals(container("pinned").status().reason()));
        String message = container("pinned").status().message();
        assertTrue(message.contains("image greeter:2.0 not found") && message.contains("greeter-2.0.jar")
                && message.contains(dir.toAbsolutePath().toString()), message);
    }

    @Test
    void aWorkerTypeTheImageLacks_isAnApplyError_atTheWorkerField() throws Exception {
        Path dir = plugins();
        ImageJars.dropGreeter(dir, V1);
        start(dir);

        ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: typo}
                spec: {worker: greeterr, image: "greeter:1.0"}
                """, "typo.yaml"));

        assertTrue(e.getMessage().contains("typo.yaml:4:") && e.getMessage().contains("spec.worker")
                && e.getMessage().contains("image greeter:1.0") && e.getMessage().contains("did you mean \"greeter\""),
                e.getMessage());
        ManifestException bad = assertThrows(ManifestException.class, () -> cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: typo}
                spec: {worker: greeter, image: "greeter"}
                """, "noversion.yaml"));
        assertTrue(bad.getMessage().contains("spec.image") && bad.getMessage().contains("NAME:VERSION"),
                bad.getMessage());
        assertTrue(cluster.resources().get(Container.class, ObjectMeta.DEFAULT_NAMESPACE, "typo").isEmpty());
    }

    @Test
    void aBrokenImage_keepsItsContainersPendingWithTheReason() throws Exception {
        Path dir = plugins();
        Path jar = TestJars.jar(dir.resolve("grumpy-1.0.jar"), Map.of("com.example.GrumpyWorker", """
                package com.example;
                public class GrumpyWorker implements io.k4s.api.Worker {
                  static { if (true) throw new IllegalStateException("no settings file"); }
                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) { return null; }
                }
                """), List.of("com.example.GrumpyWorker"));
        start(dir);

        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: grumpy}
                spec: {worker: grumpy, image: "grumpy:1.0"}
                """);

        cluster.await(WAIT, "grumpy to wait, naming why its image is broken", () -> Scheduler.UNSCHEDULABLE
                .equals(container("grumpy").status().reason()) && container("grumpy").status().message()
                .contains("Broken"));
        String message = container("grumpy").status().message();
        assertTrue(message.contains("does not have image grumpy:1.0") && message.contains(jar.toAbsolutePath()
                .toString()) && message.contains("static initializer threw"), message);
        cluster.await(WAIT, "the Image grumpy:1.0 to be reported Broken", () -> image(ImageRef.parse("grumpy:1.0"))
                .map(i -> i.status().phase() == ImagePhase.BROKEN).orElse(false));
        Image broken = image(ImageRef.parse("grumpy:1.0")).orElseThrow();
        assertTrue(broken.status().problems().getFirst().contains("static initializer threw"), broken.status()::toString);
    }

    @Test
    void aPayloadOfAnotherImagesClass_failsWithATypedErrorNamingBothImages() throws Exception {
        Path dir = plugins();
        TestJars.jar(dir.resolve("talk-1.0.jar"), ImageJars.notes(), List.of("com.example.NoteWorker",
                "com.example.ReaderWorker"));
        TestJars.jar(dir.resolve("talk-2.0.jar"), ImageJars.notes(), List.of("com.example.NoteWorker",
                "com.example.ReaderWorker"));
        start(dir);
        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: writer}
                spec: {worker: note, image: "talk:1.0"}
                ---
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: reader}
                spec: {worker: reader, image: "talk:2.0"}
                """);
        cluster.await(WAIT, "both containers to be ready",
                () -> container("writer").status().ready() && container("reader").status().ready());

        Object note = cluster.messenger().request(Address.container("writer"), "hello", WAIT).join();
        assertEquals("com.example.Note", note.getClass().getName());
        CompletionException e = assertThrows(CompletionException.class,
                () -> cluster.messenger().request(Address.container("reader"), note, WAIT).join());

        WorkerFailedException failed = assertInstanceOf(WorkerFailedException.class, e.getCause());
        IncompatiblePayloadException incompatible = assertInstanceOf(IncompatiblePayloadException.class,
                failed.getCause());
        assertEquals("com.example.Note", incompatible.payloadClass());
        assertEquals("image talk:1.0", incompatible.payloadImage());
        assertEquals("image talk:2.0", incompatible.workerImage());
        assertTrue(failed.getMessage().contains("JDK types"), failed.getMessage());
        assertInstanceOf(ClassCastException.class, incompatible.getCause());
        assertEquals("text: hello", cluster.messenger().request(Address.container("reader"), "hello", WAIT).join(),
                "a JDK payload crosses images");
    }
}
