package io.k4s.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    @TempDir
    Path tmp;

    @Test
    void classLoader_withoutAFolderIsTheParent() {
        ClassLoader parent = getClass().getClassLoader();
        assertSame(parent, Plugins.classLoader(null, parent));
    }

    @Test
    void classLoader_loadsEveryJarInNameOrder() throws Exception {
        emptyJar(tmp.resolve("b.jar"));
        emptyJar(tmp.resolve("a.JAR"));
        Files.writeString(tmp.resolve("notes.txt"), "");
        Files.createDirectories(tmp.resolve("c.jar"));

        try (URLClassLoader loader = (URLClassLoader) Plugins.classLoader(tmp, getClass().getClassLoader())) {
            assertArrayEquals(new URL[] {tmp.resolve("a.JAR").toUri().toURL(), tmp.resolve("b.jar").toUri().toURL()},
                    loader.getURLs());
        }
    }

    @Test
    void classLoader_missingFolderSaysWhichAndWhatToDo() {
        Path missing = tmp.resolve("nope");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plugins.classLoader(missing, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist")
                && e.getMessage().contains("create it"), e.getMessage());
    }

    @Test
    void classLoader_fileIsNotAFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("plugins.jar"), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plugins.classLoader(file, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a directory"),
                e.getMessage());
    }

    @Test
    void corruptJar_isSkippedAndReportedByName_theOthersStillLoad() throws Exception {
        Path corrupt = Files.writeString(tmp.resolve("broken-worker.jar"), "this is not a zip file");
        TestJars.jar(tmp.resolve("good.jar"), Map.of("pkg.Good", TestJars.worker("pkg.Good", "good", "hi")),
                List.of("pkg.Good"));
        try (URLClassLoader loader = (URLClassLoader) Plugins.classLoader(tmp, TestJars.isolatedParent())) {
            WorkerRegistry registry = WorkerRegistry.load(loader);
            assertEquals(List.of("good"), registry.types().stream().map(WorkerTypeInfo::name).toList());
            assertEquals(1, registry.problems().size(), registry.problems()::toString);
            assertTrue(registry.problems().get(0).startsWith("plugin jar " + corrupt.toAbsolutePath().normalize()
                    + " is not a readable jar ("), registry.problems()::toString);
            assertEquals(1, loader.getURLs().length);
        }
    }

    @Test
    void severalVersionsOfOneImage_onlyTheHighestIsShared_theOthersAreImagesOnly() throws Exception {
        emptyJar(tmp.resolve("greeter-worker-1.0.0.jar"));
        emptyJar(tmp.resolve("greeter-worker-1.10.0.jar"));
        emptyJar(tmp.resolve("greeter-worker-1.9.0.jar"));
        emptyJar(tmp.resolve("other-2.0.jar"));
        emptyJar(tmp.resolve("tools.jar"));
        try (URLClassLoader loader = (URLClassLoader) Plugins.classLoader(tmp, TestJars.isolatedParent())) {
            assertEquals(List.of("greeter-worker-1.10.0.jar", "other-2.0.jar", "tools.jar"),
                    Stream.of(loader.getURLs()).map(u -> Path.of(u.getPath()).getFileName().toString()).toList());
            assertEquals(List.of(), WorkerRegistry.load(loader).problems());
        }
    }

    @Test
    void versionOrder_readsNumbersAsNumbers_andAReleaseAfterItsPreReleases() {
        List<String> sorted = Stream.of("1.10", "1.9", "1.0-SNAPSHOT", "1.0", "1.0-rc1", "1.0.1", "2.0-beta", "1.0-alpha")
                .sorted(VersionOrder.INSTANCE).toList();
        assertEquals(List.of("1.0-alpha", "1.0-rc1", "1.0-SNAPSHOT", "1.0", "1.0.1", "1.9", "1.10", "2.0-beta"), sorted);
        assertEquals(0, VersionOrder.INSTANCE.compare("1.01", "1.1"));
    }

    private static void emptyJar(Path jar) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/"));
            out.closeEntry();
        }
    }
}
