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

class WorkloadHarnessTest {

    @TempDir
    Path dir;

    @Test
    void main_writesEveryFigure_andNoRequestFailsDuringTheRollouts() throws Exception {
        Path json = dir.resolve("workloads.json");
        WorkloadHarness.main(new String[] {"--smoke", "--rollouts", "2", "--timeout", "60", "--json", json.toString()});

        Map<?, ?> results = (Map<?, ?>) Json.parse(Files.readString(json));
        Map<?, ?> rolling = (Map<?, ?>) results.get("rollingUpdate");
        assertEquals(2.0, rolling.get("samples"));
        assertEquals(0.0, rolling.get("failedRequests"), "a rolling update fails no request: " + rolling);
        assertTrue((Double) rolling.get("requests") > 0, rolling.toString());
        Map<?, ?> step = (Map<?, ?>) results.get("autoscalerStep");
        for (String figure : List.of("toFirstScaleUp", "toReplicasAvailable")) {
            assertEquals(1.0, ((Map<?, ?>) step.get(figure)).get("samples"), figure);
        }
        assertTrue(((List<?>) step.get("firstScaleUpTo")).stream().allMatch(n -> (Double) n > 1), step.toString());
    }
}
