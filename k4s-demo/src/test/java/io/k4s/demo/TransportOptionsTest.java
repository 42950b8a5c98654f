package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.transport.nats.NatsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --transport nats://HOST:PORT --node NAME}: the node joins the transport; bad locations are refused. */
class TransportOptionsTest {

    private static final String CALC = """
            apiVersion: k4s.io/v1
            kind: ReplicaSet
            metadata: {name: calc}
            spec:
              replicas: 2
              template:
                metadata: {labels: {app: calc}}
                spec: {worker: calculator}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: calc}
            spec: {selector: {app: calc}}
            """;

    @TempDir
    Path dir;

    @Test
    void aNodeOnNats_runsAndAnswers_andStopsCleanly() throws IOException {
        assumeTrue(NatsServer.binary().isPresent(), NatsServer.missing());
        Path calc = Files.writeString(dir.resolve("calc.yaml"), CALC);
        try (NatsServer nats = NatsServer.start()) {
            Cli.Result r = Cli.runWithInput("request service/calc 2 + 3\n", "run", "--transport", nats.url(),
                    "--node", "n1", "-f", calc.toString());

            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.out().lines().anyMatch("5"::equals), r::toString);
        }
    }

    @Test
    void aTransportOfAnUnknownScheme_isRefused_namingTheKnownOnes() {
        Cli.Result r = Cli.runWithInput("", "run", "--transport", "kafka://127.0.0.1:9092");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no transport provider for \"kafka://\" locations"), r::toString);
        assertTrue(r.err().contains("nats://HOST:PORT"), r::toString);
    }

    @Test
    void aNatsServerThatIsNotThere_isAClearError() {
        Cli.Result r = Cli.runWithInput("", "run", "--transport", "nats://127.0.0.1:1");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("cannot connect to NATS at nats://127.0.0.1:1"), r::toString);
    }
}
