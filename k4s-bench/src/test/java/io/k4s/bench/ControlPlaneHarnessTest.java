package io.k4s.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.bench.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneHarnessTest {

    @TempDir
    Path dir;

    @Test
    void main_writesEveryFigure_forTinySizes() throws Exception {
        Path json = dir.resolve("control-plane.json");
        ControlPlaneHarness.main(new String[] {"--smoke", "--trials", "3", "--sizes", "20,40",
                "--store-objects", "50", "--timeout", "60", "--json", json.toString()});

        Map<?, ?> results = (Map<?, ?>) Json.parse(Files.readString(json));
        for (String latency : List.of("applyToFirstReply", "scaleOneToTwo")) {
            Map<?, ?> stats = (Map<?, ?>) results.get(latency);
            assertEquals(3.0, stats.get("samples"), latency);
            assertTrue((Double) stats.get("p50Ms") > 0, latency + ": " + stats);
        }
        List<?> replicaSets = (List<?>) results.get("replicaSets");
        assertEquals(List.of(20.0, 40.0), replicaSets.stream().map(r -> ((Map<?, ?>) r).get("replicas")).toList());
        for (Object r : replicaSets) {
            assertTrue((Double) ((Map<?, ?>) r).get("readySeconds") > 0, r.toString());
        }
        assertEquals(5, ((List<?>) results.get("store")).size());
    }
}
