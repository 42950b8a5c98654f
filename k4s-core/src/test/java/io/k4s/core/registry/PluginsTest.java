package io.k4s.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Files.writeString(tmp.resolve("b.jar"), "");
        Files.writeString(tmp.resolve("a.JAR"), "");
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
}
