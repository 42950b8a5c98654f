package io.k4s.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.K4sException;
import io.k4s.api.UnknownWorkerTypeException;
import io.k4s.api.Worker;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerRegistryTest {

    @TempDir
    Path tmp;

    private Path plugins() throws Exception {
        return Files.createDirectories(tmp.resolve("plugins"));
    }

    @Test
    void load_discoversPluginJarTypesWithTheirJarAsSource() throws Exception {
        Path dir = plugins();
        Path jar = TestJars.jar(dir.resolve("alpha.jar"), Map.of(
                        "plug.alpha.GreeterWorker", TestJars.worker("plug.alpha.GreeterWorker", "plugin-greeter", "hello"),
                        "plug.alpha.HTTPGateway", TestJars.worker("plug.alpha.HTTPGateway", null, "gateway")),
                List.of("# workers of alpha", "plug.alpha.GreeterWorker", "plug.alpha.HTTPGateway  # derived name"));

        try (URLClassLoader loader = (URLClassLoader) Plugins.classLoader(dir, TestJars.isolatedParent())) {
            WorkerRegistry registry = WorkerRegistry.load(loader);

            assertEquals(List.of(
                    new WorkerTypeInfo("http-gateway", "plug.alpha.HTTPGateway", jar.toString(), ""),
                    new WorkerTypeInfo("plugin-greeter", "plug.alpha.GreeterWorker", jar.toString(), "replies hello")),
                    registry.types());
            assertEquals(List.of(), registry.problems());
            assertEquals("plug.alpha.GreeterWorker", registry.resolve("plug.alpha.GreeterWorker").className());
            Worker worker = registry.newWorker("plugin-greeter");
            assertEquals("hello", worker.handle(null, null));
            assertTrue(worker != registry.newWorker("plugin-greeter"), "each call creates a new instance");
        }
    }

    @Test
    void load_typesOutsideThePluginsFolderComeFromTheClasspath() throws Exception {
        Path jar = TestJars.jar(tmp.resolve("lib.jar"),
                Map.of("plug.lib.EchoWorker", TestJars.worker("plug.lib.EchoWorker", null, "echo")),
                List.of("plug.lib.EchoWorker"));
        try (URLClassLoader classpath = new URLClassLoader(new URL[] {jar.toUri().toURL()}, TestJars.isolatedParent())) {
            WorkerRegistry registry = WorkerRegistry.load(classpath);

            assertEquals(List.of(new WorkerTypeInfo("echo", "plug.lib.EchoWorker", "classpath", "")), registry.types());
        }
    }

    @Test
    void load_reportsBrokenProvidersWithTheirJarAndKeepsTheRest() throws Exception {
        Path dir = plugins();
        Path broken = TestJars.jar(dir.resolve("broken.jar"), Map.of(
                        "plug.broken.GoodWorker", TestJars.worker("plug.broken.GoodWorker", null, "good"),
                        "plug.broken.NeedsArgWorker", """
                                package plug.broken;
                                public class NeedsArgWorker implements io.k4s.api.Worker {
                                  public NeedsArgWorker(String arg) {}
                                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) { return null; }
                                }
                                """),
                List.of("plug.broken.Missing", "plug.broken.GoodWorker", "plug.broken.NeedsArgWorker"));
        Path orphan = TestJars.jar(dir.resolve("orphan.jar"), Map.of(
                        "plug.orphan.Base", "package plug.orphan; public abstract class Base implements io.k4s.api.Worker {}",
                        "plug.orphan.OrphanWorker", """
                                package plug.orphan;
                                public class OrphanWorker extends Base {
                                  public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) { return null; }
                                }
                                """),
                List.of("plug.orphan.OrphanWorker"), Set.of("plug.orphan.Base"));
        TestJars.jar(dir.resolve("other.jar"),
                Map.of("plug.other.OtherWorker", TestJars.worker("plug.other.OtherWorker", null, "other")),
                List.of("plug.other.OtherWorker"));

        try (URLClassLoader loader = (URLClassLoader) Plugins.classLoader(dir, TestJars.isolatedParent())) {
            WorkerRegistry registry = WorkerRegistry.load(loader);

            assertEquals(List.of("good", "other"), registry.types().stream().map(WorkerTypeInfo::name).toList());
            assertEquals(3, registry.problems().size(), registry.problems().toString());
            String missing = registry.problems().get(0);
            assertTrue(missing.contains("plug.broken.Missing") && missing.contains(broken.toString()), missing);
            String noCtor = registry.problems().get(1);
            assertTrue(noCtor.contains("plug.broken.NeedsArgWorker") && noCtor.contains(broken.toString()), noCtor);
            String missingBase = registry.problems().get(2);
            assertTrue(missingBase.contains("plug.orphan.OrphanWorker") && missingBase.contains(orphan.toString())
                    && missingBase.contains("plug/orphan/Base"), missingBase);
        }
    }

    @Test
    void load_rejectsOneNameFromTwoJarsNamingBothClassesAndJars() throws Exception {
        Path dir = plugins();
        Path a = TestJars.jar(dir.resolve("a.jar"),
                Map.of("plug.a.TwinWorker", TestJars.worker("plug.a.TwinWorker", "twin", "a")),
                List.of("plug.a.TwinWorker"));
        Path b = TestJars.jar(dir.resolve("b.jar"),
                Map.of("plug.b.Twin", TestJars.worker("plug.b.Twin", "twin", "b")),
                List.of("plug.b.Twin"));

        try (URLClassLoader loader = (URLClassLoader) Plugins.classLoader(dir, TestJars.isolatedParent())) {
            K4sException e = assertThrows(K4sException.class, () -> WorkerRegistry.load(loader));

            String m = e.getMessage();
            assertTrue(m.contains("\"twin\"") && m.contains("plug.a.TwinWorker") && m.contains("plug.b.Twin")
                    && m.contains(a.toString()) && m.contains(b.toString()), m);
        }
    }

    @Test
    void resolve_unknownNameListsKnownNamesAndTheClosest() throws Exception {
        Path dir = plugins();
        TestJars.jar(dir.resolve("alpha.jar"), Map.of(
                        "plug.alpha.CalculatorWorker", TestJars.worker("plug.alpha.CalculatorWorker", null, "42"),
                        "plug.alpha.EchoWorker", TestJars.worker("plug.alpha.EchoWorker", null, "echo")),
                List.of("plug.alpha.CalculatorWorker", "plug.alpha.EchoWorker"));

        try (URLClassLoader loader = (URLClassLoader) Plugins.classLoader(dir, TestJars.isolatedParent())) {
            WorkerRegistry registry = WorkerRegistry.load(loader);

            UnknownWorkerTypeException e = assertThrows(UnknownWorkerTypeException.class,
                    () -> registry.resolve("calculater"));
            assertEquals(List.of("calculator", "echo"), e.known());
            assertTrue(e.getMessage().contains("did you mean \"calculator\"?"), e.getMessage());
            assertEquals(e.getMessage(), registry.problem("calculater"));
            assertNull(registry.problem("echo"));
            assertNull(registry.problem("plug.alpha.EchoWorker"));
            String far = registry.problem("database");
            assertTrue(!far.contains("did you mean") && far.contains("calculator, echo"), far);
            assertThrows(UnknownWorkerTypeException.class, () -> registry.newWorker("java.lang.Object"));
        }
    }

    @Test
    void newWorker_reportsAFailingConstructor() throws Exception {
        Path dir = plugins();
        TestJars.jar(dir.resolve("grumpy.jar"), Map.of("plug.grumpy.GrumpyWorker", """
                        package plug.grumpy;
                        public class GrumpyWorker implements io.k4s.api.Worker {
                          public GrumpyWorker() { throw new IllegalStateException("not today"); }
                          public Object handle(io.k4s.api.Message m, io.k4s.api.WorkerContext c) { return null; }
                        }
                        """), List.of("plug.grumpy.GrumpyWorker"));
        try (URLClassLoader loader = (URLClassLoader) Plugins.classLoader(dir, TestJars.isolatedParent())) {
            WorkerRegistry registry = WorkerRegistry.load(loader);

            K4sException e = assertThrows(K4sException.class, () -> registry.newWorker("grumpy"));
            assertTrue(e.getMessage().contains("not today") && e.getMessage().contains("grumpy"), e.getMessage());
        }
    }
}
