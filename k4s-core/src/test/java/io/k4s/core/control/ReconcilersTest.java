package io.k4s.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilersTest {

    @TempDir
    Path dir;

    /** A provider that loads. */
    public static final class GoodReconciler implements Reconciler {
        @Override
        public Class<? extends Resource> resourceType() {
            return ReplicaSet.class;
        }

        @Override
        public Result reconcile(ResourceKey key, ReconcileContext context) {
            return Result.done();
        }
    }

    /** A provider whose constructor fails. */
    public static final class ThrowingReconciler implements Reconciler {
        public ThrowingReconciler() {
            throw new IllegalStateException("cannot read my configuration");
        }

        @Override
        public Class<? extends Resource> resourceType() {
            return ReplicaSet.class;
        }

        @Override
        public Result reconcile(ResourceKey key, ReconcileContext context) {
            return Result.done();
        }
    }

    /** A provider that takes the name of {@link GoodReconciler}. */
    public static final class SameNameReconciler implements Reconciler {
        @Override
        public String name() {
            return "GoodReconciler";
        }

        @Override
        public Class<? extends Resource> resourceType() {
            return ReplicaSet.class;
        }

        @Override
        public Result reconcile(ResourceKey key, ReconcileContext context) {
            return Result.done();
        }
    }

    private Path jarDeclaring(String fileName, String... providers) throws IOException {
        Path jar = dir.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out)) {
            jos.putNextEntry(new JarEntry("META-INF/services/" + Reconciler.class.getName()));
            jos.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
        return jar;
    }

    private static List<String> classNames(List<Reconciler> reconcilers) {
        return reconcilers.stream().map(r -> r.getClass().getName()).toList();
    }

    @Test
    void load_findsTheReconcilersOnTheClassPath() {
        List<String> found = classNames(Reconcilers.load(getClass().getClassLoader()));

        assertTrue(found.containsAll(List.of("io.k4s.controllers.ContainerReconciler",
                "io.k4s.controllers.ReplicaSetReconciler", "io.k4s.controllers.ServiceReconciler")), found.toString());
    }

    @Test
    void brokenProviders_areReportedWithTheirJar_andTheRestStillLoad() throws IOException {
        Path jar = jarDeclaring("broken-plugin.jar", "com.example.MissingReconciler",
                ThrowingReconciler.class.getName(), GoodReconciler.class.getName());

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Reconcilers.Loaded loaded = Reconcilers.discover(loader);

            List<String> found = classNames(loaded.reconcilers());
            assertTrue(found.contains(GoodReconciler.class.getName()), found.toString());
            assertTrue(found.contains("io.k4s.controllers.ServiceReconciler"), found.toString());
            assertEquals(2, loaded.problems().size(), loaded.problems().toString());
            String missing = loaded.problems().get(0);
            assertTrue(missing.contains("com.example.MissingReconciler"), missing);
            assertTrue(missing.contains("broken-plugin.jar"), missing);
            String throwing = loaded.problems().get(1);
            assertTrue(throwing.contains("broken-plugin.jar"), throwing);
            assertTrue(throwing.contains(ThrowingReconciler.class.getName()), throwing);
            assertTrue(throwing.contains("cannot read my configuration"), throwing);
        }
    }

    @Test
    void secondReconcilerWithATakenName_isSkipped_namingBoth() throws IOException {
        Path jar = jarDeclaring("twins.jar", GoodReconciler.class.getName(), SameNameReconciler.class.getName());

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Reconcilers.Loaded loaded = Reconcilers.discover(loader);

            List<String> found = classNames(loaded.reconcilers());
            assertTrue(found.contains(GoodReconciler.class.getName()), found.toString());
            assertTrue(!found.contains(SameNameReconciler.class.getName()), found.toString());
            String problem = loaded.problems().getFirst();
            assertTrue(problem.contains(SameNameReconciler.class.getName())
                    && problem.contains(GoodReconciler.class.getName()),
                    problem);
        }
    }
}
