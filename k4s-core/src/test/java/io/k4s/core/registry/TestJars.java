package io.k4s.core.registry;

import io.k4s.api.Worker;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.slf4j.LoggerFactory;

/**
 * Build real plugin jars and images in tests: compile worker sources and pack them with a
 * services file. Public for the tests of other packages (images end to end).
 */
public final class TestJars {

    private TestJars() {}

    /**
     * Compile {@code sources} (class name -> source text) and write {@code jar} with the classes
     * and a {@code META-INF/services/io.k4s.api.Worker} listing {@code services}, one a line.
     */
    public static Path jar(Path jar, Map<String, String> sources, List<String> services) throws IOException {
        return jar(jar, sources, services, Set.of());
    }

    /** As {@link #jar(Path, Map, List)}, but the classes named in {@code leaveOut} are compiled and not packed. */
    public static Path jar(Path jar, Map<String, String> sources, List<String> services, Set<String> leaveOut)
            throws IOException {
        Path classes = compile(Files.createTempDirectory(jar.getParent(), ".build-"), sources);
        return pack(jar, classes, name -> !leaveOut.contains(name), services);
    }

    /**
     * Write {@code jar} atomically (built under a hidden name next to it, then moved), as a
     * careful deployment does, so that a watcher never sees it half written; names starting with
     * a dot are no image.
     */
    public static Path dropIn(Path jar, Map<String, String> sources, List<String> services) throws IOException {
        Path hidden = jar.resolveSibling("." + jar.getFileName() + ".tmp");
        jar(hidden, sources, services);
        return Files.move(hidden, jar, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Compile {@code sources} (class name -> source text) against k4s-api and SLF4J in the folder
     * {@code work}; the folder of the classes.
     */
    public static Path compile(Path work, Map<String, String> sources) throws IOException {
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                location(Worker.class) + File.pathSeparator + location(LoggerFactory.class),
                "-proc:none", "-Xlint:-options"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        if (!sources.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("test sources did not compile:\n"
                        + errors.toString(StandardCharsets.UTF_8));
            }
        }
        return classes;
    }

    /**
     * Write {@code jar} with the classes of {@code classes} whose names {@code include} accepts and,
     * unless {@code services} is {@code null}, a worker services file listing them, one a line.
     */
    public static Path pack(Path jar, Path classes, Predicate<String> include, List<String> services)
            throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                if (include.test(name.replace('/', '.').replaceAll("\\.class$", ""))) {
                    add(out, name, Files.readAllBytes(f));
                }
            }
            if (services != null) {
                add(out, ProviderScan.SERVICES_FILE,
                        (String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    /** Source of a worker {@code pkg.Simple} that replies with {@code reply}; annotated if {@code typeName} is set. */
    public static String worker(String className, String typeName, String reply) {
        int dot = className.lastIndexOf('.');
        String annotation = typeName == null ? ""
                : "@io.k4s.api.WorkerType(value = \"" + typeName + "\", description = \"replies " + reply + "\")\n";
        return "package " + className.substring(0, dot) + ";\n"
                + annotation
                + "public class " + className.substring(dot + 1) + " implements io.k4s.api.Worker {\n"
                + "  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {\n"
                + "    return \"" + reply + "\";\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * A parent loader that sees the test classpath's classes but none of its worker services
     * files, so a test sees exactly the providers of the jars it built.
     */
    public static ClassLoader isolatedParent() {
        return new ClassLoader("isolated-test-parent", TestJars.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return ProviderScan.SERVICES_FILE.equals(name)
                        ? Collections.emptyEnumeration() : super.getResources(name);
            }
        };
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("no file location for " + type, e));
        }
    }
}
