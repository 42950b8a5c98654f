package io.k4s.demo;

import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.Resource;
import io.k4s.core.manifest.ManifestReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Read the manifests that {@code -f} names: files, every {@code *.yaml}, {@code *.yml} and
 * {@code *.json} of a folder (not its subfolders, in file name order), and {@code -} for the
 * standard input. Every source is read before anything is returned, and the errors of all of
 * them are reported together, so a bad file changes nothing. A source with no resource is a
 * warning. Use it from one thread.
 */
final class Manifests {

    /** The name that stands for the standard input. */
    static final String STDIN = "-";

    private final Supplier<String> stdin;
    private final PrintStream err;

    /**
     * @param stdin reads the manifest text {@code -f -} stands for
     * @param err   where warnings go
     */
    Manifests(Supplier<String> stdin, PrintStream err) {
        this.stdin = stdin;
        this.err = err;
    }

    /** The files {@code names} stand for: folders expanded, {@code -} kept. */
    static List<String> expand(List<String> names) {
        List<String> sources = new ArrayList<>();
        for (String name : names) {
            Path p = Path.of(name);
            if (!name.equals(STDIN) && Files.isDirectory(p)) {
                List<String> inFolder = manifestsIn(p);
                if (inFolder.isEmpty()) {
                    throw new IllegalArgumentException("folder " + name + " holds no *.yaml, *.yml or *.json file");
                }
                sources.addAll(inFolder);
            } else {
                sources.add(name);
            }
        }
        return sources;
    }

    /**
     * Read every source with {@code reader}.
     *
     * @throws ManifestException        with the errors of every source, as {@code FILE:LINE:COL: message}
     * @throws IllegalArgumentException naming the files that do not exist
     * @throws UncheckedIOException     if a file cannot be read
     */
    List<Resource> read(ManifestReader reader, List<String> names) {
        List<String> sources = expand(names);
        List<String> missing = sources.stream().filter(s -> !s.equals(STDIN) && !Files.isRegularFile(Path.of(s))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no such file: " + String.join(", ", missing));
        }
        List<Resource> resources = new ArrayList<>();
        List<ManifestError> errors = new ArrayList<>();
        for (String source : sources) {
            try {
                List<Resource> read = source.equals(STDIN) ? reader.read(stdin.get(), "<stdin>")
                        : reader.read(Path.of(source));
                if (read.isEmpty()) {
                    err.println("warning: " + (source.equals(STDIN) ? "<stdin>" : source)
                            + ": no resources in it (is it empty, or only comments?)");
                }
                resources.addAll(read);
            } catch (ManifestException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ManifestException(errors);
        }
        return resources;
    }

    private static List<String> manifestsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
                    })
                    .sorted().map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
