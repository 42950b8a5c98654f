package io.k4s.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Service;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceKindsTest {

    @Test
    void byName_acceptsKindLowerCasePluralAndShortNames() {
        for (String name : List.of("Container", "container", "containers", "ctr", " CTR ")) {
            assertEquals(Optional.of(Container.class), ResourceKinds.byName(name), name);
        }
        for (String name : List.of("ReplicaSet", "replicaset", "replicasets", "rs")) {
            assertEquals(Optional.of(ReplicaSet.class), ResourceKinds.byName(name), name);
        }
        for (String name : List.of("Service", "service", "services", "svc")) {
            assertEquals(Optional.of(Service.class), ResourceKinds.byName(name), name);
        }
        assertEquals(Optional.empty(), ResourceKinds.byName("pods"));
        assertEquals(Optional.empty(), ResourceKinds.byName(null));
    }

    @Test
    void kindOf_andNames() {
        assertEquals("ReplicaSet", ResourceKinds.kindOf(ReplicaSet.class));
        assertEquals(List.of("Container", "ReplicaSet", "Service"), ResourceKinds.names());
        assertThrows(IllegalArgumentException.class, () -> ResourceKinds.kindOf(Resource.class));
    }

    @Test
    void require_listsTheKnownKinds_andSuggestsANearMiss() {
        assertEquals(Service.class, ResourceKinds.require("svc"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceKinds.require("replicaste"));

        assertTrue(e.getMessage().startsWith("unknown kind \"replicaste\"; did you mean \"ReplicaSet\"?"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Container, ReplicaSet, Service"), e.getMessage());
    }
}
