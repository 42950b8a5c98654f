package io.k4s.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.ImageUnavailableException;
import io.k4s.api.Worker;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The images of a plugins folder, each in its own class loader: real jars, real loaders. */
class ImagesTest {

    private static final ImageRef V1 = ImageRef.parse("greeter:1.0");
    private static final ImageRef V2 = ImageRef.parse("greeter:2.0");
    private static final ResourceKey USER = ResourceKey.of("default", "greeter-0");

    @TempDir
    Path tmp;

    private Images images;

    @AfterEach
    void close() {
        if (images != null) {
            images.close();
        }
    }

    private Path plugins() throws Exception {
        return Files.createDirectories(tmp.resolve("plugins"));
    }

    private Images load(Path dir) {
        images = Images.load(dir, ImagesTest.class.getClassLoader(), Clock.systemUTC());
        return images;
    }

    /** The jar NAME-VERSION.jar with the worker com.example.GreeterWorker ("greeter") that replies {@code reply}. */
    static Path greeter(Path dir, ImageRef ref, String reply) throws Exception {
        return TestJars.jar(dir.resolve(ref.jarName()),
                Map.of("com.example.GreeterWorker", TestJars.worker("com.example.GreeterWorker", "greeter", reply)),
                List.of("com.example.GreeterWorker"));
    }

    private static Object answer(WorkerLease lease) throws Exception {
        return lease.newWorker().handle(null, null);
    }

    @Test
    void twoVersions_liveSideBySide_eachWithItsOwnAnswer_andTheSameClassNameDoesNotClash() throws Exception {
        Path dir = plugins();
        greeter(dir, V1, "hello from 1.0");
        greeter(dir, V2, "hello from 2.0");

        load(dir);
        WorkerLease one = images.lease(V1, "greeter", USER);
        WorkerLease two = images.lease(V2, "com.example.GreeterWorker", USER);

        assertEquals("hello from 1.0", answer(one));
        assertEquals("hello from 2.0", answer(two));
        Worker a = one.newWorker();
        Worker b = two.newWorker();
        assertEquals(a.getClass().getName(), b.getClass().getName());
        assertNotSame(a.getClass(), b.getClass(), "one class name, two classes");
        assertEquals("image greeter:1.0", one.origin());
        assertEquals("image greeter:1.0", a.getClass().getClassLoader().getName());
        assertSame(a.getClass().getClassLoader(), one.contextClassLoader());
        assertEquals(List.of("greeter:1.0", "greeter:2.0"), images.list().stream().map(i -> i.ref().toString()).toList());
        ImageInfo info = images.get(V1).orElseThrow();
        assertEquals(ImagePhase.AVAILABLE, info.phase());
        assertEquals(List.of(USER), info.users());
        assertEquals(List.of("greeter"), info.workers().stream().map(WorkerTypeInfo::name).toList());
        assertEquals(dir.resolve(V1.jarName()).toAbsolutePath(), info.source());
    }

    @Test
    void anImagesOwnClassesComeFirst_theClassPathFillsIn_theApiAndLoggingAreShared() throws Exception {
        Path dir = plugins();
        String worker = """
                package com.example;
                public class WhoWorker implements io.k4s.api.Worker {
                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                    return io.k4s.core.registry.Shadowed.who();
                  }
                }
                """;
        String ownCopy = """
                package io.k4s.core.registry;
                public final class Shadowed {
                  public static String who() { return "the image"; }
                }
                """;
        TestJars.jar(dir.resolve("who-1.0.jar"), Map.of("com.example.WhoWorker", worker,
                "io.k4s.core.registry.Shadowed", ownCopy), List.of("com.example.WhoWorker"));
        TestJars.jar(dir.resolve("who-2.0.jar"), Map.of("com.example.WhoWorker", worker,
                "io.k4s.core.registry.Shadowed", ownCopy), List.of("com.example.WhoWorker"),
                Set.of("io.k4s.core.registry.Shadowed"));

        load(dir);
        WorkerLease bundled = images.lease(ImageRef.parse("who:1.0"), "who", USER);
        WorkerLease without = images.lease(ImageRef.parse("who:2.0"), "who", USER);

        assertEquals("the image", answer(bundled));
        assertEquals("the class path", answer(without));
        ClassLoader loader = bundled.contextClassLoader();
        assertSame(Worker.class, loader.loadClass(Worker.class.getName()));
        assertSame(Logger.class, loader.loadClass(Logger.class.getName()));
        assertSame(String.class, loader.loadClass("java.lang.String"));
        assertEquals(1, Collections.list(loader.getResources(ProviderScan.SERVICES_FILE)).size(),
                "an image lists only its own workers, not the class path's");
    }

    @Test
    void aFolderOfJars_isOneImage_withItsDependencies() throws Exception {
        Path dir = plugins();
        Path classes = TestJars.compile(Files.createDirectories(tmp.resolve("build")), Map.of(
                "com.example.lib.Phrases", "package com.example.lib; public final class Phrases {"
                        + " public static String hello() { return \"hello from a library\"; } }",
                "com.example.LibWorker", """
                        package com.example;
                        public class LibWorker implements io.k4s.api.Worker {
                          public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                            return com.example.lib.Phrases.hello();
                          }
                        }
                        """));
        Path image = Files.createDirectories(dir.resolve("lib-3.0"));
        TestJars.pack(image.resolve("worker.jar"), classes, name -> name.equals("com.example.LibWorker"),
                List.of("com.example.LibWorker"));
        TestJars.pack(image.resolve("phrases.jar"), classes, name -> name.startsWith("com.example.lib."), null);

        load(dir);
        ImageInfo info = images.get(ImageRef.parse("lib:3.0")).orElseThrow();

        assertEquals(ImagePhase.AVAILABLE, info.phase(), info.problems()::toString);
        assertEquals(2, info.files().size());
        assertEquals("hello from a library", answer(images.lease(ImageRef.parse("lib:3.0"), "lib", USER)));
    }

    @Test
    void anImageThatIsNotThere_sayWhichFileItLookedForAndWhere() throws Exception {
        Path dir = plugins();
        greeter(dir, V1, "hi");
        load(dir);

        ImageUnavailableException e = assertThrows(ImageUnavailableException.class,
                () -> images.lease(V2, "greeter", USER));

        assertEquals(ImageUnavailableException.IMAGE_NOT_FOUND, e.reason());
        assertEquals("greeter:2.0", e.image());
        assertTrue(e.getMessage().contains("greeter-2.0.jar") && e.getMessage().contains("greeter-2.0/")
                && e.getMessage().contains(dir.toAbsolutePath().toString())
                && e.getMessage().contains("images there: greeter:1.0"), e.getMessage());
        assertNull(images.workerProblem(V2, "greeter"), "an absent image may come later: no error yet");
        ImageUnavailableException none = assertThrows(ImageUnavailableException.class,
                () -> Images.none().lease(V1, "greeter", USER));
        assertTrue(none.getMessage().contains("--plugins"), none.getMessage());
    }

    @Test
    void aTypeTheImageDoesNotOffer_namesTheImageAndItsTypes() throws Exception {
        Path dir = plugins();
        greeter(dir, V1, "hi");
        load(dir);

        ImageUnavailableException e = assertThrows(ImageUnavailableException.class,
                () -> images.lease(V1, "greeterr", USER));

        assertEquals(ImageUnavailableException.UNKNOWN_WORKER_TYPE, e.reason());
        assertTrue(e.getMessage().contains("image greeter:1.0") && e.getMessage().contains("did you mean \"greeter\"")
                && e.getMessage().contains("its worker types: greeter"), e.getMessage());
        assertEquals(e.getMessage(), images.workerProblem(V1, "greeterr"));
        assertNull(images.workerProblem(V1, "greeter"));
    }

    @Test
    void removedWhileInUse_keepsServing_andIsUnloadedWhenTheLastLeaseGoes() throws Exception {
        Path dir = plugins();
        String worker = """
                package com.example;
                public class LateWorker implements io.k4s.api.Worker {
                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                    return new com.example.Late().toString();
                  }
                }
                """;
        Path jar = TestJars.jar(dir.resolve("late-1.0.jar"), Map.of("com.example.LateWorker", worker,
                "com.example.Late", "package com.example; public class Late {"
                        + " public String toString() { return \"loaded late\"; } }"), List.of("com.example.LateWorker"));
        load(dir);
        WorkerLease lease = images.lease(ImageRef.parse("late:1.0"), "late", USER);
        List<ClassLoader> unloaded = new CopyOnWriteArrayList<>();
        images.onUnload(unloaded::add);

        Files.delete(jar);
        images.rescan();

        ImageInfo removed = images.get(ImageRef.parse("late:1.0")).orElseThrow();
        assertEquals(ImagePhase.REMOVED, removed.phase());
        assertEquals(List.of(USER), removed.users());
        assertEquals("loaded late", answer(lease), "a class first loaded after the removal still loads");
        assertEquals(ImageUnavailableException.IMAGE_NOT_FOUND, assertThrows(ImageUnavailableException.class,
                () -> images.lease(ImageRef.parse("late:1.0"), "late", USER)).reason(), "no new container starts on it");
        assertEquals(List.of(), unloaded);

        lease.release();
        lease.release();

        assertEquals(1, unloaded.size(), "unloaded once");
        assertTrue(images.get(ImageRef.parse("late:1.0")).isEmpty());
        assertEquals(List.of(), images.list());
    }

    @Test
    void aReplacedJar_isLoadedAgain_whileTheOldLoadServesItsContainers() throws Exception {
        Path dir = plugins();
        greeter(dir, V1, "old");
        load(dir);
        WorkerLease old = images.lease(V1, "greeter", USER);

        Path fresh = TestJars.jar(tmp.resolve(V1.jarName()), Map.of("com.example.GreeterWorker",
                TestJars.worker("com.example.GreeterWorker", "greeter", "new")), List.of("com.example.GreeterWorker"));
        Files.move(fresh, dir.resolve(V1.jarName()), StandardCopyOption.REPLACE_EXISTING);
        images.rescan();
        assertEquals("old", answer(images.lease(V1, "greeter", USER)), "a changed file waits to settle");
        Await.until(() -> images.rescan() == null && isNew(), "the replaced jar to settle and load");

        assertEquals("old", answer(old));
        assertEquals(List.of(USER), images.get(V1).orElseThrow().users());
    }

    private boolean isNew() {
        try {
            WorkerLease lease = images.lease(V1, "greeter", ResourceKey.of("default", "probe"));
            try {
                return "new".equals(answer(lease));
            } finally {
                lease.release();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
