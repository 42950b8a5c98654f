package io.k4s.core.registry;

import io.k4s.api.resource.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Build the class loader that sees the jars of a plugins folder, for workers (and reconcilers)
 * that are not on the classpath.
 *
 * <p>Stateless; call it from any thread.
 */
public final class Plugins {

    /** The name of every class loader this class creates; {@link WorkerRegistry} looks for it. */
    static final String LOADER_NAME = "k4s-plugins";

    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    private Plugins() {}

    /**
     * Return a child of {@code parent} that loads every {@code *.jar} in {@code dir}, in file
     * name order; return {@code parent} itself when {@code dir} is {@code null}. A jar that is
     * not a readable zip file is skipped, a problem that {@link WorkerRegistry#problems()}
     * reports (and logs at WARN), naming the file. Of several versions of one image
     * ({@code x-1.0.0.jar}, {@code x-1.0.1.jar}) only the highest is shared; each version is an
     * image too ({@link Images}).
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
        List<String> problems = new ArrayList<>();
        List<Path> jars = readable(jars(folder), problems);
        return new PluginClassLoader(urls(shared(jars)), parent, problems);
    }

    /** What went wrong with the jars of the plugins folder {@code loader} loads, if it is one; else nothing. */
    static List<String> problems(ClassLoader loader) {
        List<String> problems = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof PluginClassLoader plugins) {
                problems.addAll(plugins.problems);
            }
        }
        return problems;
    }

    /** The jars that open as zip files; each other one is a problem, and skipped. */
    private static List<Path> readable(List<Path> jars, List<String> problems) {
        List<Path> ok = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().count(); // reads the central directory: a truncated jar fails here
                ok.add(jar);
            } catch (IOException | RuntimeException e) {
                problems.add("plugin jar " + jar + " is not a readable jar (" + e + "); it was skipped:"
                        + " rebuild or replace it");
            }
        }
        return ok;
    }

    /**
     * The jars the shared loader takes: every jar, except that of several versions of one image
     * ({@code greeter-1.0.jar}, {@code greeter-2.0.jar}) only the highest is shared, so that one
     * worker type name is not registered twice; the others are images only
     * ({@code image: greeter:1.0}).
     */
    static List<Path> shared(List<Path> jars) {
        Map<String, List<Path>> byImage = new TreeMap<>();
        List<Path> shared = new ArrayList<>();
        for (Path jar : jars) {
            String file = jar.getFileName().toString();
            Optional<ImageRef> ref = file.toLowerCase(Locale.ROOT).endsWith(".jar")
                    ? ImageRef.fromFileName(file.substring(0, file.length() - 4)) : Optional.empty();
            if (ref.isPresent()) {
                byImage.computeIfAbsent(ref.get().name(), k -> new ArrayList<>()).add(jar);
            } else {
                shared.add(jar);
            }
        }
        byImage.forEach((name, versions) -> {
            Path highest = versions.stream().max(Comparator.comparing(Plugins::version, VersionOrder.INSTANCE))
                    .orElseThrow();
            shared.add(highest);
            if (versions.size() > 1) {
                LOG.info("plugins folder has {} versions of {}: {} is shared (workers without image: come from it);"
                        + " name the others with image: NAME:VERSION", versions.size(), name, highest.getFileName());
            }
        });
        shared.sort(null);
        return shared;
    }

    private static String version(Path jar) {
        String file = jar.getFileName().toString();
        return ImageRef.fromFileName(file.substring(0, file.length() - 4)).orElseThrow().version();
    }

    /** The loader of a plugins folder, with what went wrong reading it. */
    private static final class PluginClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final List<String> problems;

        PluginClassLoader(URL[] urls, ClassLoader parent, List<String> problems) {
            super(LOADER_NAME, urls, parent);
            this.problems = List.copyOf(problems);
        }
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
