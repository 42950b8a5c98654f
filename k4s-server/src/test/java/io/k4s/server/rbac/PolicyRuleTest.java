package io.k4s.server.rbac;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRuleTest {

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs, List<String> names) {
        return new PolicyRule(groups, resources, verbs, names, null);
    }

    @Test
    void resourcesSubresourcesAndWildcards_matchAsInKubernetes() {
        PolicyRule read = rule(List.of("k4s.io"), List.of("deployments"), List.of("get", "list"), null);
        assertTrue(read.allowsResource("get", "k4s.io", "deployments", "", "web"));
        assertFalse(read.allowsResource("delete", "k4s.io", "deployments", "", "web"));
        assertFalse(read.allowsResource("get", "example.com", "deployments", "", "web"));
        assertFalse(read.allowsResource("get", "k4s.io", "deployments", "scale", "web"), "a subresource is its own");
        PolicyRule scale = rule(List.of("*"), List.of("*/scale"), List.of("*"), null);
        assertTrue(scale.allowsResource("patch", "k4s.io", "deployments", "scale", "web"));
        assertFalse(scale.allowsResource("patch", "k4s.io", "deployments", "", "web"));
        PolicyRule gateway = rule(List.of("k4s.io"), List.of("services/request"), List.of("create"), List.of("calc"));
        assertTrue(gateway.allowsResource("create", "k4s.io", "services", "request", "calc"));
        assertFalse(gateway.allowsResource("create", "k4s.io", "services", "request", "other"));
    }

    @Test
    void nonResourceUrls_matchExactlyOrByPrefix() {
        PolicyRule metrics = new PolicyRule(null, null, List.of("get"), null, List.of("/metrics", "/readyz/*"));
        assertTrue(metrics.allowsPath("get", "/metrics"));
        assertTrue(metrics.allowsPath("get", "/readyz/store"));
        assertFalse(metrics.allowsPath("post", "/metrics"));
        assertFalse(metrics.allowsPath("get", "/metricsz"));
    }

    @Test
    void aRuleWithoutVerbs_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> rule(List.of("*"), List.of("*"), List.of(), null));
    }
}
