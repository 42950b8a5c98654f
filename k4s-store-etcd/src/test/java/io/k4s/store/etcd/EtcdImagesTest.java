package io.k4s.store.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.event.Event;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.ImageNodeStatus;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.Kinds;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.PrinterColumn;
import io.k4s.controllers.Scheduler;
import io.k4s.core.ImageJars;
import io.k4s.core.K4sCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker images on two nodes (two clusters in this JVM on one real etcd), each with a plugins
 * folder of its own: each node reports only its own images, the Image resources stay put, a
 * container naming an image lands on a node that has it, and the Image goes with its last copy.
 */
class EtcdImagesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ImageRef V1 = ImageRef.parse("greeter:1.0");
    private static final ImageRef V2 = ImageRef.parse("greeter:2.0");
    /** How many reads in a row must see the same resourceVersion for an Image to count as quiet. */
    private static final int QUIET_READS = 5;

    @TempDir
    Path tmp;

    private final List<K4sCluster> nodes = new ArrayList<>();
    private String prefix;

    @BeforeEach
    void needsEtcd() {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
        prefix = Backends.freshPrefix();
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(K4sCluster::close);
    }

    /** Start node {@code name} with the plugins folder {@code plugins} on the test's etcd prefix. */
    private K4sCluster start(String name, Path plugins, Map<String, String> labels) {
        K4sCluster node = K4sCluster.builder().node(name).nodeLabels(labels).plugins(plugins)
                .lease(Duration.ofSeconds(2), Duration.ofMillis(500))
                .storage(kinds -> EtcdBackend.open(List.of(EtcdServer.shared().endpoint()), prefix, kinds,
                        Duration.ofSeconds(10)))
                .start();
        nodes.add(node);
        return node;
    }

    /** A plugins folder for {@code node} with the greeter images {@code refs}. */
    private Path plugins(String node, ImageRef... refs) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(node));
        for (ImageRef ref : refs) {
            ImageJars.dropGreeter(dir, ref);
        }
        return dir;
    }

    private static Optional<Image> image(K4sCluster any, ImageRef ref) {
        return any.resources().get(Image.class, ObjectMeta.NO_NAMESPACE, ref.resourceName());
    }

    /** The nodes that report {@code ref}, sorted; none when its Image is gone. */
    private static List<String> holders(K4sCluster any, ImageRef ref) {
        return image(any, ref).map(i -> i.status().nodes().stream().map(ImageNodeStatus::node).toList())
                .orElse(List.of());
    }

    /** What Node {@code node} says it has in {@code status.images}. */
    private static List<String> nodeImages(K4sCluster any, String node) {
        return any.resources().get(Node.class, ObjectMeta.NO_NAMESPACE, node).map(n -> n.status().images())
                .orElse(List.of());
    }

    /** The cell of {@code column} that {@code get images} prints for {@code image}. */
    private static Object cell(Image image, String column) {
        return Kinds.IMAGE.printerColumns().stream().filter(c -> c.name().equals(column)).findFirst()
                .map(PrinterColumn::value).orElseThrow().apply(image);
    }

    private static Container container(K4sCluster any, String name) {
        return any.resources().get(Container.class, ObjectMeta.DEFAULT_NAMESPACE, name).orElseThrow();
    }

    /** How many containers of {@code app} are bound to each node. */
    private static Map<String, Long> placement(K4sCluster any, String app) {
        return any.resources().list(Container.class, ObjectMeta.DEFAULT_NAMESPACE).items().stream()
                .filter(c -> app.equals(c.metadata().labels().get("app")) && !c.metadata().deleting())
                .collect(Collectors.groupingBy(c -> Objects.requireNonNullElse(c.spec().nodeName(), "-"), TreeMap::new,
                        Collectors.counting()));
    }

    /**
     * Wait until {@code ref}'s Image reads with the same resourceVersion {@value #QUIET_READS} times
     * in a row (each read after a store change or a short recheck), and return that version.
     */
    private static long awaitQuiet(K4sCluster any, ImageRef ref) {
        List<Long> reads = new ArrayList<>();
        any.await(WAIT, ref + " to stop changing", () -> {
            reads.add(image(any, ref).map(i -> i.metadata().resourceVersion()).orElse(0L));
            int n = reads.size();
            return n >= QUIET_READS && reads.getLast() > 0
                    && reads.subList(n - QUIET_READS, n).stream().distinct().count() == 1;
        });
        return reads.getLast();
    }

    private static String container(String name, ImageRef image, String nodeSelector) {
        return """
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: %s}
                spec: {worker: greeter, image: "%s", nodeSelector: %s}
                """.formatted(name, image, nodeSelector);
    }

    @Test
    void eachNodeReportsItsOwnImages_theImagesStayPut_andAContainerLandsWhereItsImageIs() throws Exception {
        Path p1 = plugins("n1", V1, V2);
        Path p2 = plugins("n2", V1);
        K4sCluster n1 = start("n1", p1, Map.of());
        start("n2", p2, Map.of("disk", "two"));

        n1.await(WAIT, "each Node to list its images", () -> nodeImages(n1, "n1").equals(List.of("greeter:1.0",
                "greeter:2.0")) && nodeImages(n1, "n2").equals(List.of("greeter:1.0")));
        n1.await(WAIT, "greeter:1.0 on both nodes, greeter:2.0 on n1", () -> holders(n1, V1).equals(List.of("n1", "n2"))
                && holders(n1, V2).equals(List.of("n1")));
        Image v1 = image(n1, V1).orElseThrow();
        assertEquals(ImagePhase.AVAILABLE, v1.status().phase());
        assertEquals(p1.resolve(V1.jarName()).toString(), v1.status().node("n1").orElseThrow().source());
        assertEquals(p2.resolve(V1.jarName()).toString(), v1.status().node("n2").orElseThrow().source());
        assertEquals(List.of("n1", "n2"), cell(v1, "NODES"));
        assertEquals(List.of("n1"), cell(image(n1, V2).orElseThrow(), "NODES"));

        // Two replicas on greeter:2.0 both land on n1, though spreading alone would have put one on n2.
        n1.apply("""
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: hello}
                spec:
                  replicas: 2
                  template:
                    metadata: {labels: {app: hello}}
                    spec: {worker: greeter, image: "greeter:2.0"}
                """);
        n1.awaitReady("hello", WAIT);
        assertEquals(Map.of("n1", 2L), placement(n1, "hello"));
        n1.await(WAIT, "greeter:2.0 to count its two containers", () -> image(n1, V2)
                .map(i -> i.status().containerCount() == 2).orElse(false));

        // n2 goes over its images again (a container of its own starts on greeter:1.0) and leaves greeter:2.0 alone.
        long quiet = awaitQuiet(n1, V2);
        String uid = image(n1, V2).orElseThrow().metadata().uid();
        n1.apply(container("on-two", V1, "{disk: two}"));
        n1.await(WAIT, "n2 to report its container on greeter:1.0", () -> image(n1, V1)
                .flatMap(i -> i.status().node("n2")).map(e -> e.containerCount() == 1).orElse(false));
        Image v2 = image(n1, V2).orElseThrow();
        assertEquals(uid, v2.metadata().uid(), "the Image was not deleted and created again");
        assertEquals(quiet, v2.metadata().resourceVersion(), "n2 did not write greeter:2.0: " + v2.status());
        assertEquals(List.of("n1", "n2"), holders(n1, V1), "n2's write kept n1's entry");

        // Only n1 has greeter:2.0: a container that must run on n2 waits, naming the image.
        n1.apply(container("picky", V2, "{disk: two}"));
        n1.await(WAIT, "picky to be Unschedulable", () -> Scheduler.UNSCHEDULABLE.equals(container(n1, "picky")
                .status().reason()));
        assertEquals("0/2 nodes are available: n1: lacks the label disk=two of the nodeSelector; n2: does not have"
                + " image greeter:2.0", container(n1, "picky").status().message());
        n1.await(WAIT, "a FailedScheduling event for picky", () -> n1.resources().list(Event.class,
                ObjectMeta.DEFAULT_NAMESPACE).items().stream().anyMatch(e -> e.spec().reason()
                .equals("FailedScheduling") && e.spec().involvedObject().name().equals("picky")));

        // The jar dropped into n2's folder makes n2 eligible.
        ImageJars.dropGreeter(p2, V2);
        n1.await(WAIT, "picky to run on n2", () -> "n2".equals(container(n1, "picky").spec().nodeName())
                && container(n1, "picky").status().ready());
        assertEquals(List.of("greeter:1.0", "greeter:2.0"), nodeImages(n1, "n2"));
        assertEquals(List.of("n1", "n2"), holders(n1, V2));
        assertEquals(Map.of("n1", 2L), placement(n1, "hello"), "bindings are never undone");
    }

    @Test
    void anImageRemovedFromOneNode_staysForTheOther_andGoesWithItsLastCopy() throws Exception {
        Path p1 = plugins("n1", V2);
        Path p2 = plugins("n2", V2);
        K4sCluster n1 = start("n1", p1, Map.of());
        start("n2", p2, Map.of());
        n1.await(WAIT, "greeter:2.0 on both nodes", () -> holders(n1, V2).equals(List.of("n1", "n2")));
        String uid = image(n1, V2).orElseThrow().metadata().uid();

        Files.delete(p1.resolve(V2.jarName()));
        n1.await(WAIT, "n1 to leave greeter:2.0", () -> holders(n1, V2).equals(List.of("n2"))
                && nodeImages(n1, "n1").isEmpty());
        Image left = image(n1, V2).orElseThrow();
        assertEquals(uid, left.metadata().uid());
        assertEquals(p2.resolve(V2.jarName()).toString(), left.status().source());
        assertEquals(List.of("greeter:2.0"), nodeImages(n1, "n2"));

        Files.delete(p2.resolve(V2.jarName()));
        n1.await(WAIT, "the Image to go with its last copy", () -> image(n1, V2).isEmpty()
                && nodeImages(n1, "n2").isEmpty());
        assertTrue(n1.resources().list(Image.class, null).items().isEmpty());
    }
}
