package io.k4s.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreThroughputTest {

    @Test
    void measure_reportsEveryOperationWithAPositiveRate() {
        List<Map<String, Object>> results = StoreThroughput.measure(100, Duration.ofMillis(20));
        assertEquals(List.of("get", "update", "list by label (10 of 100)", "update, watched by 3",
                        "update, 1,000 idle watches of another kind"),
                results.stream().map(r -> r.get("operation")).toList());
        for (Map<String, Object> r : results) {
            assertTrue((Double) r.get("opsPerSecond") > 0, r.toString());
        }
    }
}
