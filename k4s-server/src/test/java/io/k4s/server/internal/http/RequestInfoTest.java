package io.k4s.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RequestInfoTest {

    @Test
    void namespacedObjectsAndSubresources() {
        assertEquals(new RequestInfo(true, "get", "/apis/k4s.io/v1/namespaces/ns/deployments/web", "k4s.io", "v1", "ns",
                "deployments", "", "web"), RequestInfo.parse("GET", "/apis/k4s.io/v1/namespaces/ns/deployments/web", null));
        RequestInfo scale = RequestInfo.parse("PATCH", "/apis/k4s.io/v1/namespaces/ns/deployments/web/scale", null);
        assertEquals("patch", scale.verb());
        assertEquals("deployments/scale", scale.resourceWithSubresource());
        assertEquals("create", RequestInfo.parse("POST", "/apis/k4s.io/v1/namespaces/ns/services/calc/request", null)
                .verb());
    }

    @Test
    void collectionsListWatchAndDeleteCollection() {
        assertEquals("list", RequestInfo.parse("GET", "/apis/k4s.io/v1/deployments", null).verb());
        assertEquals("watch", RequestInfo.parse("GET", "/apis/k4s.io/v1/namespaces/ns/deployments", "true").verb());
        assertEquals("watch", RequestInfo.parse("GET", "/apis/k4s.io/v1/watch/namespaces/ns/deployments", null).verb());
        assertEquals("deletecollection", RequestInfo.parse("DELETE", "/apis/k4s.io/v1/namespaces/ns/jobs", null).verb());
        assertEquals("", RequestInfo.parse("GET", "/apis/k4s.io/v1/deployments", null).namespace());
    }

    @Test
    void discoveryAndOtherPathsAreNotResourceRequests() {
        assertFalse(RequestInfo.parse("GET", "/apis/k4s.io/v1", null).resourceRequest());
        assertFalse(RequestInfo.parse("GET", "/apis", null).resourceRequest());
        RequestInfo metrics = RequestInfo.parse("GET", "/metrics", null);
        assertFalse(metrics.resourceRequest());
        assertEquals("get", metrics.verb());
        assertEquals("/metrics", metrics.path());
    }
}
