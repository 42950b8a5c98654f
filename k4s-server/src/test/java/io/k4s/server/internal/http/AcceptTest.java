package io.k4s.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptTest {

    @Test
    void kubectlsTableAndDiscoveryHeaders_areRecognized() {
        assertEquals("v1", Accept.parse("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;"
                + "v=v1beta1;g=meta.k8s.io,application/json").table());
        assertEquals("v2", Accept.parse("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                + "application/json").preferred("APIGroupDiscoveryList", "apidiscovery.k8s.io", List.of("v2", "v2beta1")));
        assertNull(Accept.parse("application/json").table());
    }

    @Test
    void plainJson_isAcceptedByEmptyWildcardOrJsonHeaders() {
        assertTrue(Accept.parse(null).json());
        assertTrue(Accept.parse("*/*").json());
        assertTrue(Accept.parse("application/json;as=Table;v=v1;g=meta.k8s.io, application/json").json());
        assertFalse(Accept.parse("application/json;as=Table;v=v1;g=meta.k8s.io").json());
    }
}
