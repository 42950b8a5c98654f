package io.k4s.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.ImageUnavailableException;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken images of every kind are reported with their file and reason, skipped, and make the
 * containers that name them wait with that reason; the good images next to them load.
 */
class BrokenImagesTest {

    private static final ResourceKey USER = ResourceKey.of("default", "broken-0");

    @TempDir
    Path dir;

    private Images images;

    @AfterEach
    void close() {
        if (images != null) {
            images.close();
        }
    }

    /** Load the folder with a good image next to the broken one; the broken one's problems, checked to be the only ones. */
    private String brokenProblem(String reference, Path file) throws Exception {
        ImagesTest.greeter(dir, ImageRef.parse("good:1.0"), "fine");
        images = Images.load(dir, BrokenImagesTest.class.getClassLoader(), Clock.systemUTC());
        ImageRef ref = ImageRef.parse(reference);
        ImageInfo info = images.get(ref).orElseThrow();
        assertEquals(ImagePhase.BROKEN, info.phase());
        assertEquals(List.of(), info.workers());
        assertEquals(ImagePhase.AVAILABLE, images.get(ImageRef.parse("good:1.0")).orElseThrow().phase(),
                "a broken image does not stop the others");
        String problems = String.join("; ", info.problems());
        assertTrue(problems.contains(file.toString()), "names the file: " + problems);
        ImageUnavailableException e = assertThrows(ImageUnavailableException.class,
                () -> images.lease(ref, "anything", USER));
        assertEquals(ImageUnavailableException.INVALID_IMAGE, e.reason());
        assertTrue(e.getMessage().contains(problems), e.getMessage());
        return problems;
    }

    @Test
    void aBadServicesFile_isReportedWithItsLine() throws Exception {
        Path jar = TestJars.jar(dir.resolve("bad-services-1.0.jar"),
                Map.of("com.example.OkWorker", TestJars.worker("com.example.OkWorker", "ok", "ok")),
                List.of("com.example.OkWorker", "not a class name!"));

        String problems = brokenProblem("bad-services:1.0", jar);

        assertTrue(problems.contains("Illegal"), problems);
    }

    @Test
    void aServicesFileNamingAClassThatIsNotAWorker_isReported() throws Exception {
        Path jar = TestJars.jar(dir.resolve("not-a-worker-1.0.jar"),
                Map.of("com.example.Plain", "package com.example; public class Plain {}"),
                List.of("com.example.Plain"));

        String problems = brokenProblem("not-a-worker:1.0", jar);

        assertTrue(problems.contains("com.example.Plain") && problems.contains("not a subtype"), problems);
    }

    @Test
    void aClassThatFailsToLoad_namesTheMissingClass() throws Exception {
        Path jar = TestJars.jar(dir.resolve("orphan-1.0.jar"), Map.of(
                        "com.example.Base", "package com.example; public abstract class Base implements io.k4s.api.Worker {}",
                        "com.example.OrphanWorker", """
                                package com.example;
                                public class OrphanWorker extends Base {
                                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) { return null; }
                                }
                                """),
                List.of("com.example.OrphanWorker"), Set.of("com.example.Base"));

        String problems = brokenProblem("orphan:1.0", jar);

        assertTrue(problems.contains("com.example.OrphanWorker") && problems.contains("com/example/Base"), problems);
    }

    @Test
    void aStaticInitializerThatThrows_isReportedWhenTheImageLoads_notAtTheFirstContainer() throws Exception {
        Path jar = TestJars.jar(dir.resolve("grumpy-1.0.jar"), Map.of("com.example.GrumpyWorker", """
                        package com.example;
                        public class GrumpyWorker implements io.k4s.api.Worker {
                          static final String SETTING = read();
                          static String read() { throw new IllegalStateException("no settings file"); }
                          public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) { return SETTING; }
                        }
                        """), List.of("com.example.GrumpyWorker"));

        String problems = brokenProblem("grumpy:1.0", jar);

        assertTrue(problems.contains("static initializer threw java.lang.IllegalStateException: no settings file")
                && problems.contains("com.example.GrumpyWorker"), problems);
    }

    @Test
    void aFileThatIsNotAJar_isReported() throws Exception {
        Path jar = Files.writeString(dir.resolve("truncated-1.0.jar"), "PK this is not a zip file");

        String problems = brokenProblem("truncated:1.0", jar);

        assertTrue(problems.contains("is not a readable jar"), problems);
    }

    @Test
    void twoTypesOfOneName_inOneImage_areReported() throws Exception {
        Path jar = TestJars.jar(dir.resolve("twins-1.0.jar"), Map.of(
                        "com.example.A", TestJars.worker("com.example.A", "twin", "a"),
                        "com.example.B", TestJars.worker("com.example.B", "twin", "b")),
                List.of("com.example.A", "com.example.B"));

        String problems = brokenProblem("twins:1.0", jar);

        assertTrue(problems.contains("\"twin\" is registered twice"), problems);
    }

    @Test
    void anImageWithoutWorkers_orAFolderWithoutJars_isReported() throws Exception {
        Path jar = TestJars.jar(dir.resolve("empty-1.0.jar"), Map.of("com.example.Util",
                "package com.example; public class Util {}"), List.of());
        Path folder = Files.createDirectories(dir.resolve("hollow-1.0"));

        assertTrue(brokenProblem("empty:1.0", jar).contains("offers no worker type"));
        assertTrue(String.join("; ", images.get(ImageRef.parse("hollow:1.0")).orElseThrow().problems())
                .contains("folder " + folder + " holds no jar"));
    }

    @Test
    void aJarAndAFolderOfOneImage_areAClash() throws Exception {
        Path jar = ImagesTest.greeter(dir, ImageRef.parse("twice:1.0"), "jar");
        Files.createDirectories(dir.resolve("twice-1.0"));

        String problems = brokenProblem("twice:1.0", jar);

        assertTrue(problems.contains("keep one of them"), problems);
    }

    @Test
    void aBrokenImage_fixedInPlace_becomesAvailable() throws Exception {
        Path jar = Files.writeString(dir.resolve("fixed-1.0.jar"), "not yet");
        brokenProblem("fixed:1.0", jar);

        Files.delete(jar);
        TestJars.dropIn(jar, Map.of("com.example.FixedWorker", TestJars.worker("com.example.FixedWorker", "fixed",
                "fixed")), List.of("com.example.FixedWorker"));
        Await.until(() -> images.rescan() == null
                && images.get(ImageRef.parse("fixed:1.0")).orElseThrow().phase() == ImagePhase.AVAILABLE,
                "the fixed jar to load");

        assertEquals("fixed", images.lease(ImageRef.parse("fixed:1.0"), "fixed", USER).newWorker().handle(null, null));
    }
}
