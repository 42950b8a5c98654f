package io.k4s.controllers;

import static io.k4s.controllers.Fixtures.ownedBy;
import static io.k4s.controllers.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnedReplicaSetTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aReadyContainerBeingDeleted_existsButIsNeitherReadyNorAvailable() {
        ReplicaSet rs = replicaSet("web", 2);
        Container kept = ownedBy(rs, "web-0", true);
        Container draining = ownedBy(rs, "web-1", true);
        draining = draining.withMetadata(draining.metadata().withDeletion(NOW, null));

        OwnedReplicaSet view = new OwnedReplicaSet(rs, List.of(kept, draining), Duration.ZERO, NOW);

        assertEquals(2, view.containers());
        assertEquals(1, view.ready());
        assertEquals(1, view.available());
        assertFalse(view.availableAt(1), "web-1 drains: it serves no more traffic");
    }
}
