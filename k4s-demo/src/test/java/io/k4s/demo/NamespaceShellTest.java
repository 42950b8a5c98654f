package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.Namespace;
import org.junit.jupiter.api.Test;

/** The shell's -n and -A, get ns, and delete ns waiting for the cascade. */
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
}
