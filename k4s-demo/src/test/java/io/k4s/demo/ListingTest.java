package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.core.K4sCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingTest {

    @Test
    void aContainerBeingDeleted_isShownTerminating() {
        try (K4sCluster cluster = K4sCluster.start()) {
            // A finalizer nobody removes holds the deleted Container, so the listing can be taken at leisure.
            cluster.apply(Container.of(ObjectMeta.of("held").withFinalizers(List.of("example.com/hold")),
                    ContainerSpec.of("echo")));
            cluster.delete(Container.class, "held");
            cluster.await(Duration.ofSeconds(10), "the runtime to stop it", () -> cluster.runtime().list().isEmpty());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            new Listing(cluster, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                    .print(cluster.kinds().kindOf(Container.class), cluster.resources().list(Container.class, null).items(),
                            new Listing.Style(Listing.Format.TABLE, false, false, true));

            String table = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(table.lines().anyMatch(l -> l.startsWith("held") && l.contains("Terminating")), table);
        }
    }
}
