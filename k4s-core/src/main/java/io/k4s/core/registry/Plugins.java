package io.k4s.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Build the class loader that sees the jars of a plugins folder, for workers (and reconcilers)
 * that are not on the classpath.
 *
 * <p>Stateless; call it from any thread.
 */
public final class Plugins {

    /** The name of every class loader this class creates; {@link WorkerRegistry} looks for it. */
    static final String LOADER_NAME = "k4s-plugins";

    private Plugins() {}

    /**
     * Return a child of {@code parent} that loads every {@code *.jar} in {@code dir}, in file
     * name order; return {@code parent} itself when {@code dir} is {@code null}.
     *
     * @param dir    the plugins folder, or {@code null} for none
     * @param parent the class loader that sees k4s-api and the classpath
     * @throws IllegalArgumentException if {@code dir} does not exist or is not a directory
     * @throws UncheckedIOException     if the folder cannot be listed
     */
    public static ClassLoader classLoader(Path dir, ClassLoader parent) {
        if (dir == null) {
            return parent;
        }
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException("plugins folder " + folder + " does not exist:"
                    + " create it and put worker jars in it, or leave out --plugins (and K4S_PLUGINS)");
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("plugins folder " + folder + " is not a directory:"
                    + " point --plugins (or K4S_PLUGINS) at a folder that holds jars");
        }
        return new URLClassLoader(LOADER_NAME, urls(jars(folder)), parent);
    }

    /** The jars in {@code folder}, sorted by file name. */
    static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins folder " + folder + ": " + e.getMessage()
                    + "; check that it is readable", e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        List<URL> urls = new ArrayList<>(jars.size());
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plugin jar " + jar + " has no usable URL: "
                        + e.getMessage(), e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
