package io.k4s.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImageStatusTest {

    private static final ImageWorker GREETER = new ImageWorker("greeter", "com.example.GreeterWorker", "");

    private static ImageNodeStatus available(String node, String... containers) {
        return new ImageNodeStatus(node, ImagePhase.AVAILABLE, "/" + node + "/greeter-2.0.jar",
                List.of("/" + node + "/greeter-2.0.jar"), List.of(GREETER), List.of(), List.of(containers),
                containers.length, Instant.parse("2026-01-02T03:04:05Z"));
    }

    private static ImageNodeStatus broken(String node) {
        return new ImageNodeStatus(node, ImagePhase.BROKEN, "/" + node + "/greeter-2.0.jar", List.of(), List.of(),
                List.of("/" + node + "/greeter-2.0.jar: not a jar"), List.of(), 0, null);
    }

    @Test
    void oneNode_isSummedUpAsThatNodesEntry() {
        ImageStatus s = ImageStatus.EMPTY.withNode(available("n1", "default/a-0"));

        assertEquals(ImagePhase.AVAILABLE, s.phase());
        assertEquals("/n1/greeter-2.0.jar", s.source());
        assertEquals(List.of(GREETER), s.workers());
        assertEquals(List.of("default/a-0"), s.containers());
        assertEquals(1, s.containerCount());
        assertEquals(List.of("n1"), s.nodes().stream().map(ImageNodeStatus::node).toList());
    }

    @Test
    void severalNodes_sumUp_andAvailableAnywhereSpeaksForTheImage() {
        ImageStatus s = ImageStatus.EMPTY.withNode(broken("n1")).withNode(available("n3", "default/b-0"))
                .withNode(available("n2", "default/a-0", "default/a-1"));

        assertEquals(ImagePhase.AVAILABLE, s.phase());
        assertEquals("/n2/greeter-2.0.jar", s.source(), "the first node by name in that phase");
        assertEquals(List.of("n1", "n2", "n3"), s.nodes().stream().map(ImageNodeStatus::node).toList());
        assertEquals(List.of("default/a-0", "default/a-1", "default/b-0"), s.containers());
        assertEquals(3, s.containerCount());
        assertEquals(List.of(GREETER), s.workers(), "each worker type once");
        assertEquals(List.of("/n1/greeter-2.0.jar: not a jar"), s.problems());
    }

    @Test
    void aNodeReplacesOnlyItsOwnEntry_andLeavingRemovesIt() {
        ImageStatus both = ImageStatus.EMPTY.withNode(available("n1")).withNode(available("n2"));

        ImageStatus n1Broke = both.withNode(broken("n1"));
        assertEquals(ImagePhase.BROKEN, n1Broke.node("n1").orElseThrow().phase());
        assertEquals(both.node("n2"), n1Broke.node("n2"));

        ImageStatus onlyN1 = n1Broke.withoutNode("n2");
        assertEquals(ImagePhase.BROKEN, onlyN1.phase());
        assertTrue(onlyN1.node("n2").isEmpty());
        assertEquals(ImageStatus.EMPTY, onlyN1.withoutNode("n1"));
    }

    @Test
    void containersOfAllNodes_areListedUpToTheLimit_andCountedInFull() {
        String[] many = IntStream.range(0, 15).mapToObj(i -> "default/c-%02d".formatted(i)).toArray(String[]::new);
        String[] more = IntStream.range(15, 30).mapToObj(i -> "default/c-%02d".formatted(i)).toArray(String[]::new);

        ImageStatus s = ImageStatus.of(List.of(available("n1", many), available("n2", more)));

        assertEquals(ImageStatus.MAX_LISTED, s.containers().size());
        assertEquals("default/c-00", s.containers().getFirst());
        assertEquals(30, s.containerCount());
    }
}
