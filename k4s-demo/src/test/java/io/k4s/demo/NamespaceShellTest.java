package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.Namespace;
import org.junit.jupiter.api.Test;

/** The shell's -n and -A, get ns, delete ns waiting for the cascade, and cluster-scoped kinds without a namespace. */
class NamespaceShellTest {

    private static final String TEAM = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: team}
            ---
            apiVersion: k4s.io/v1
            kind: ReplicaSet
            metadata: {name: calc, namespace: team}
            spec:
              replicas: 2
              template: {metadata: {labels: {app: calc}}, spec: {worker: calculator}}
            ---
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: solo}
            spec: {worker: echo}
            ...
            """;

    @Test
    void dashN_dashA_getNs_andDeleteNs_cascades() {
        try (ShellSession s = new ShellSession(TEAM)) {
            s.ok("apply -f -");
            assertTrue(s.ok("get ns").matches("(?s)NAME\\s+STATUS\\s+AGE\\n.*default\\s+Active.*team\\s+Active.*"));
            String team = s.ok("get ctr -n team -o name");
            assertEquals("container/calc-0\ncontainer/calc-1\n", team);
            assertEquals("container/solo\n", s.ok("get ctr -o name"), "default when no -n");
            String all = s.ok("get ctr -A");
            assertTrue(all.matches("(?s)NAMESPACE\\s+NAME\\s+READY.*default\\s+solo.*team\\s+calc-0.*team\\s+calc-1.*"),
                    all);
            assertTrue(s.ok("request -n team container/calc-0 1 + 2").contains("3"));

            s.ok("delete ns/team");
            assertTrue(s.cluster.resources().get(Namespace.class, "default", "team").isEmpty(),
                    "delete waited for the namespace to go");
            assertTrue(s.cluster.resources().list(Container.class, "team").items().isEmpty(), "its containers went");
            assertEquals("container/solo\n", s.ok("get ctr -A -o name"));
        }
    }

    @Test
    void clusterScopedKinds_haveNoNamespace_inTheShell() {
        try (ShellSession s = new ShellSession("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team, namespace: elsewhere}
                ...
                """)) {
            s.ok("apply -f - -n other");

            assertEquals("", s.cluster.resources().get(Namespace.class, null, "team").orElseThrow().metadata().namespace(),
                    "the namespace given in the manifest and by -n is ignored, as kubectl and the API server do");
            assertEquals(s.ok("get ns"), s.ok("get ns -n other"), "-n changes nothing for a cluster-scoped kind");
            String all = s.ok("get ns -A");
            assertTrue(all.matches("(?s)NAME\\s+STATUS\\s+AGE\\n.*team\\s+Active.*"), "no NAMESPACE column: " + all);
            String yaml = s.ok("get ns team -o yaml");
            assertTrue(yaml.contains("name: team") && !yaml.contains("namespace:"), yaml);
            assertEquals("namespace/team\n", s.ok("get namespace/team -n other -o name"));

            s.ok("delete ns team -n other");
            assertTrue(s.cluster.resources().get(Namespace.class, null, "team").isEmpty());
            assertEquals("No resources found.\n", s.ok("get ns -l missing=label -n other"));
        }
    }
}
