package io.k4s.core.registry;

import io.k4s.api.resource.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Read which images a plugins folder holds: each jar {@code NAME-VERSION.jar} and each folder
 * {@code NAME-VERSION/} of jars, with a fingerprint of its files (names, sizes, modification
 * times, file keys) that changes whenever one of them is written, replaced or removed. Names
 * starting with {@code .} and ending with {@code .tmp} or {@code .part} are left out, so a jar
 * copied in under such a name and then renamed is never seen half written.
 *
 * <p>Stateless; any thread.
 */
final class ImageFiles {

    /**
     * One image's files.
     *
     * @param ref         the image
     * @param path        the jar, or the folder of jars
     * @param jars        its class path: the jar, or the folder's jars in name order
     * @param fingerprint changes when any of its files changes
     * @param problem     why it cannot be loaded whatever its content (no jar in the folder, a jar
     *                    and a folder of one name), or {@code null}
     */
    record Source(ImageRef ref, Path path, List<Path> jars, String fingerprint, String problem) {}

    private ImageFiles() {}

    /**
     * The images in {@code folder}, by {@link ImageRef#resourceName()} (so versions differing only
     * in case are one image, reported as a problem).
     *
     * @throws UncheckedIOException if the folder cannot be listed
     */
    static Map<String, Source> scan(Path folder) {
        Map<String, List<Source>> found = new TreeMap<>();
        for (Path entry : list(folder)) {
            String file = entry.getFileName().toString();
            if (ignored(file)) {
                continue;
            }
            boolean directory = Files.isDirectory(entry);
            boolean jar = !directory && file.toLowerCase(Locale.ROOT).endsWith(".jar") && Files.isRegularFile(entry);
            if (!directory && !jar) {
                continue;
            }
            Optional<ImageRef> ref = ImageRef.fromFileName(directory ? file : file.substring(0, file.length() - 4));
            if (ref.isEmpty()) {
                continue;
            }
            found.computeIfAbsent(ref.get().resourceName(), k -> new ArrayList<>())
                    .add(directory ? folderImage(ref.get(), entry) : jarImage(ref.get(), entry));
        }
        Map<String, Source> images = new LinkedHashMap<>();
        found.forEach((name, sources) -> images.put(name, sources.size() == 1 ? sources.get(0) : clash(sources)));
        return images;
    }

    private static Source jarImage(ImageRef ref, Path jar) {
        return new Source(ref, jar, List.of(jar), fingerprint(List.of(jar)), null);
    }

    private static Source folderImage(ImageRef ref, Path dir) {
        List<Path> entries;
        try {
            entries = list(dir);
        } catch (UncheckedIOException e) {
            return new Source(ref, dir, List.of(), "unlistable", e.getMessage());
        }
        List<Path> jars = new ArrayList<>();
        for (Path p : entries) {
            String file = p.getFileName().toString();
            if (!ignored(file) && file.toLowerCase(Locale.ROOT).endsWith(".jar") && Files.isRegularFile(p)) {
                jars.add(p);
            }
        }
        String problem = jars.isEmpty() ? "folder " + dir + " holds no jar: put the image's jar and the jars it"
                + " needs in it" : null;
        List<Path> all = new ArrayList<>(jars);
        all.add(dir);
        return new Source(ref, dir, List.copyOf(jars), fingerprint(all), problem);
    }

    private static Source clash(List<Source> sources) {
        Source first = sources.get(0);
        List<String> paths = sources.stream().map(s -> s.path().toString()).toList();
        StringBuilder print = new StringBuilder();
        sources.forEach(s -> print.append(s.fingerprint()).append('|'));
        return new Source(first.ref(), first.path(), first.jars(), print.toString(), "image " + first.ref()
                + " is held by " + String.join(" and ", paths) + ": keep one of them");
    }

    /** Editors' and copy tools' temporary names: never an image, whatever follows. */
    private static boolean ignored(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return file.startsWith(".") || lower.endsWith(".tmp") || lower.endsWith(".part");
    }

    private static String fingerprint(List<Path> files) {
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            b.append(f.getFileName()).append(':');
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                b.append(a.size()).append(':').append(a.lastModifiedTime().toInstant()).append(':').append(a.fileKey());
            } catch (IOException e) {
                b.append("unreadable");
            }
            b.append(';');
        }
        return b.toString();
    }

    /** The entries of {@code dir}, sorted by name. */
    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage() + "; check that it is readable", e);
        }
    }
}
