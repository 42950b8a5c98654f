package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Worker;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.core.K4sCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get images} and {@code describe image NAME:VERSION} on a cluster with a real plugins folder. */
class ImageShellTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void getImages_listsEachImage_andDescribeTakesTheNameAContainerUses() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = greeterJar(plugins.resolve("greeter-1.0.jar"));
        Files.writeString(plugins.resolve("broken-2.0.jar"), "not a zip file");
        Path manifest = Files.writeString(dir.resolve("greeter.yaml"), """
                kind: Container
                metadata: {name: hello}
                spec: {worker: greeter, image: "greeter:1.0"}
                """);
        try (ShellSession s = new ShellSession(K4sCluster.builder().plugins(plugins).start(), "")) {
            s.ok("apply -f " + manifest);
            s.cluster.await(WAIT, "greeter:1.0 to count its container", () -> s.cluster.resources()
                    .get(Image.class, ObjectMeta.DEFAULT_NAMESPACE, "greeter-1.0")
                    .map(i -> i.status().containerCount() == 1).orElse(false));

            String table = s.ok("get images");
            assertTrue(table.startsWith("NAME"), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("greeter-1\\.0 +greeter:1\\.0 +Available +greeter +1 +local .*")),
                    table);
            assertTrue(table.lines().anyMatch(l -> l.matches("broken-2\\.0 +broken:2\\.0 +Broken .*")), table);
            String wide = s.ok("get images -o wide");
            assertTrue(wide.lines().anyMatch(l -> l.startsWith("greeter-1.0") && l.contains(jar.toString())), wide);

            String described = s.ok("describe image greeter:1.0");
            assertTrue(described.contains("com.example.GreeterWorker") && described.contains("default/hello"),
                    described);
            String broken = s.ok("describe image/broken:2.0");
            assertTrue(broken.contains("is not a readable jar") && broken.contains("broken-2.0.jar"), broken);
            String byResourceName = s.ok("describe image greeter-1.0");
            assertTrue(byResourceName.startsWith("Name:") && byResourceName.contains("greeter-1.0")
                    && byResourceName.contains("com.example.GreeterWorker"), "the resource name works too: "
                    + byResourceName);
            String missing = s.fails("describe image greeter:9.9");
            assertTrue(missing.contains("greeter-9.9") && missing.contains("not found"), missing);
        }
    }

    /** Compile a worker {@code greeter} and pack it with its services file into {@code jar}. */
    private Path greeterJar(Path jar) throws IOException, URISyntaxException {
        Path src = Files.createDirectories(dir.resolve("src/com/example")).resolve("GreeterWorker.java");
        Files.writeString(src, """
                package com.example;
                @io.k4s.api.WorkerType("greeter")
                public class GreeterWorker implements io.k4s.api.Worker {
                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) {
                    return "hello " + m.payload();
                  }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String api = Path.of(Worker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "-d", classes.toString(),
                "-classpath", api, "-proc:none", src.toString());
        assertEquals(0, rc, () -> errors.toString(StandardCharsets.UTF_8));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "com/example/GreeterWorker.class",
                    Files.readAllBytes(classes.resolve("com/example/GreeterWorker.class")));
            add(out, "META-INF/services/io.k4s.api.Worker",
                    "com.example.GreeterWorker\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
