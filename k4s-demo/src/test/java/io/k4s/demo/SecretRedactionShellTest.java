package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No shell output, log line or error shows a Secret's values: they are redacted everywhere. */
class SecretRedactionShellTest {

    private static final String VALUE = "s3cr3t-value!!";
    private static final String BASE64 = Base64.getEncoder().encodeToString("tok-9f8e7d".getBytes(StandardCharsets.UTF_8));

    private static final String MANIFEST = """
            apiVersion: v1
            kind: Secret
            metadata: {name: db}
            stringData: {password: "%s"}
            data: {token: %s}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app}
            data: {greeting: hello}
            ---
            kind: Container
            metadata: {name: reader}
            spec:
              worker: nothing
              paramsFrom: [{secretRef: {name: db}}, {configMapRef: {name: app}}]
              params: {pw: {valueFrom: {secretKeyRef: {name: db, key: password}}}}
            ---
            kind: Container
            metadata: {name: waiting}
            spec:
              worker: nothing
              params: {pw: {valueFrom: {secretKeyRef: {name: db, key: nothere}}}}
            ---
            kind: Container
            metadata: {name: badport}
            spec:
              worker: port
              restartPolicy: Never
              params: {port: {valueFrom: {secretKeyRef: {name: db, key: password}}}}
            ---
            kind: Container
            metadata: {name: badinit}
            spec:
              worker: nothing
              restartPolicy: Never
              initWorkers:
              - {name: setup, worker: port, params: {port: {valueFrom: {secretKeyRef: {name: db, key: password}}}}}
            ...
            """.formatted(VALUE, BASE64);

    @Test
    void getYamlJsonJsonpath_describe_events_logsAndErrors_neverShowASecretValue() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        StringBuilder shown = new StringBuilder();
        try (ShellSession s = new ShellSession(MANIFEST + """
                apiVersion: v1
                kind: Secret
                metadata: {name: broken}
                data: {password: "%s"}
                stringData: {pin: 424242}
                ...
                """.formatted(VALUE))) {
            shown.append(s.ok("apply -f -"));
            s.cluster.await(Duration.ofSeconds(20), "reader ready, waiting reported", () ->
                    s.cluster.resources().get(Container.class, "default", "reader").orElseThrow().status().ready()
                            && "CreateContainerConfigError".equals(s.cluster.resources()
                            .get(Container.class, "default", "waiting").orElseThrow().status().reason())
                            && failed(s, "badport") && failed(s, "badinit"));
            for (String line : List.of("describe ctr/badport", "describe ctr/badinit", "get ctr badport -o yaml",
                    "get ctr badinit -o json", "get events", "get events -o yaml", "logs ctr/reader", "logs ctr/badport",
                    "logs ctr/badinit", "get secret db -o yaml", "get secrets -o json", "get secret db -o json",
                    "get secret db -o jsonpath={.data.password}", "describe secret/db", "describe ctr/reader",
                    "describe ctr/waiting", "get all -o yaml", "get secret db -o wide", "get ctr -o wide")) {
                shown.append(s.ok(line));
            }
            String yaml = s.ok("get secret db -o yaml");
            assertTrue(yaml.contains("password: '<redacted: 14 bytes>'") || yaml.contains("password: <redacted: 14 bytes>"),
                    yaml);
            assertTrue(s.ok("describe secret/db").contains("<redacted: 10 bytes>"), "the token's size is shown");
            assertTrue(s.ok("describe ctr/waiting").contains("couldn't find key nothere in Secret default/db"));
            String fromSecret = "got the value of secret key db/password (not shown: it is secret)";
            assertTrue(s.ok("describe ctr/badport").contains("spec.params.port: expected an integer, " + fromSecret),
                    s.ok("describe ctr/badport"));
            assertTrue(s.ok("describe ctr/badinit").contains("init worker setup (port) failed"), s.ok("describe ctr/badinit"));
            assertTrue(s.ok("describe ctr/badinit").contains(fromSecret), "an init worker's params come from the Secret");
            String events = s.ok("get events");
            assertTrue(events.contains("badport") && events.contains("badinit"), "events of the failed runs:\n" + events);
            assertTrue(s.ok("logs ctr/badport").contains("secret key db/password"), "the crash is in the container's log");
            String refused = s.fails("apply -f -");
            shown.append(refused);
            assertTrue(refused.contains("data.password") && refused.contains("not valid base64"), refused);
            assertTrue(refused.contains("stringData.pin") && refused.contains("got an integer (quote it)"), refused);
        } finally {
            System.setErr(stderr);
        }
        String everything = shown + logs.toString(StandardCharsets.UTF_8);
        for (String secret : List.of(VALUE, BASE64, "tok-9f8e7d", "424242",
                Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)))) {
            assertFalse(everything.contains(secret), () -> "shown: " + secret + " in\n" + everything);
        }
    }

    private static boolean failed(ShellSession s, String name) {
        return s.cluster.resources().get(Container.class, "default", name).orElseThrow().status().phase()
                == ContainerPhase.FAILED;
    }
}
