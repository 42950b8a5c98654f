package io.k4s.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    @Test
    void setBasedSelector_isRefused_becauseAManifestCannotWriteIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServiceSpec(Selector.parse("app in (calc,web)"), null));

        assertTrue(e.getMessage().contains("app in (calc,web)"), e.getMessage());
        assertTrue(e.getMessage().contains("Selector.labels"), e.getMessage());
    }

    @Test
    void equalitiesFromParse_areALabelMap_andAccepted() {
        ServiceSpec spec = new ServiceSpec(Selector.parse("app=calc"), null);

        assertEquals(Selector.labels(Map.of("app", "calc")), spec.selector());
        assertEquals(LoadBalancing.RANDOM, spec.loadBalancing());
    }
}
