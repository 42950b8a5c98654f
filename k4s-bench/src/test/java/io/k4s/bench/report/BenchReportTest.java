package io.k4s.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @TempDir
    Path dir;

    @Test
    void write_producesTablesChartsAndTargets_fromJmhAndHarnessResults() throws Exception {
        Files.writeString(dir.resolve("jmh.json"), "[" + String.join(",",
                throughput("FireAndForgetBenchmark.sendBatch", "k4s", "RoundRobin", 3_000_000),
                throughput("FireAndForgetBenchmark.sendBatch", "pekko", "RoundRobin", 2_000_000),
                throughput("FireAndForgetBenchmark.sendBatch", "jdk", "RoundRobin", 1_000_000),
                throughput("InFlightBenchmark.requests", "k4s", null, 100_000),
                throughput("InFlightBenchmark.requests", "pekko", null, 80_000),
                sample("k4s", 30), sample("jdk", 20),
                flood("k4s", "wait", "busy", "[[1.0e6, 1.2e6], [3.0e6, 3.0e6], [2.4e6, 2.4e6]]"),
                flood("pekko", "wait", "busy", "[[2.0e6, 2.0e6]]"),
                refusal("refusedSend", 85)) + "]");
        Files.writeString(dir.resolve("cp.json"), """
                {"applyToFirstReply": {"samples": 1000, "meanMs": 1.2, "p50Ms": 1.1, "p99Ms": 3.0, "maxMs": 9},
                 "replicaSets": [{"replicas": 100000, "readySeconds": 12.5, "deletedSeconds": 4,
                                  "heapBytesPerContainer": 3000}],
                 "store": [{"operation": "get", "opsPerSecond": 5000000}]}
                """);
        Files.writeString(dir.resolve("machine.txt"), "nproc: 2\njava: OpenJDK 25\n");

        BenchReport.write(Map.of("--jmh", dir.resolve("jmh.json").toString(),
                "--control-plane", dir.resolve("cp.json").toString(),
                "--machine", dir.resolve("machine.txt").toString(), "--out", dir.resolve("out").toString()));

        String md = Files.readString(dir.resolve("out/results.md"));
        assertTrue(md.contains("| fire-and-forget, 1 producer to 4 (RoundRobin) | msg/s | 3,000,000 ± 1,000 |"), md);
        assertTrue(md.contains("| fire-and-forget (RoundRobin): k4s vs Pekko | >= 1.0x | 1.50x | met |"), md);
        assertTrue(md.contains("| request-response, 64 in flight: k4s vs Pekko | >= 2.0x | 1.25x | missed |"), md);
        assertTrue(md.contains("| sequential round trip (mean): k4s vs plain JDK | <= 1.5x | 1.50x | met |"), md);
        assertTrue(md.contains("| 100,000 replicas: apply to all ready | < 10 s | 12.5 s | missed |"), md);
        assertTrue(md.contains("| fire-and-forget (Random): k4s vs Pekko | >= 1.0x | – | not measured |"), md);
        assertTrue(md.contains("| nproc | 2 |"), md);
        assertTrue(md.contains("| flood from a virtual thread to 4, waiting for room (2 threads of CPU load) | msg/s"
                + " | 2,400,000 ± 1,000 | 2,000,000 ± 1,000 | – | 1.20x |"), "the median of the iterations: " + md);
        assertTrue(md.contains("| flood, waiting send (busy): k4s vs Pekko | >= 1.2x | 1.20x | met |"), md);
        assertTrue(md.contains("| flood, plain send (quiet): k4s vs Pekko | >= 1.0x | – | not measured |"), md);
        assertTrue(md.contains("| refused send, exception caught | ns | 85.0 ± 1,000 |"), md);

        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("out/results.json")));
        String jmhCopy = Files.readString(dir.resolve("out/jmh.json"));
        assertTrue(jmhCopy.contains("\"scorePercentiles\"") && !jmhCopy.contains("rawDataHistogram"), jmhCopy);
        assertEquals(11, ((List<?>) summary.get("targets")).size());
        for (String svg : List.of("messaging.svg", "control-plane.svg")) {
            byte[] bytes = Files.readAllBytes(dir.resolve("out").resolve(svg));
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            assertEquals("svg", doc.getDocumentElement().getNodeName());
            assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("k4s"));
        }
    }

    private static String throughput(String benchmark, String variant, String policy, double score) {
        String params = policy == null ? "{\"variant\": \"" + variant + "\"}"
                : "{\"variant\": \"" + variant + "\", \"policy\": \"" + policy + "\"}";
        return "{\"benchmark\": \"io.k4s.bench." + benchmark + "\", \"mode\": \"thrpt\", \"params\": " + params
                + ", \"primaryMetric\": {\"score\": " + score + ", \"scoreError\": 1000, \"scoreUnit\": \"ops/s\"},"
                + " \"secondaryMetrics\": {\"mailboxFull\": {\"score\": 12}}}";
    }

    private static String flood(String variant, String mode, String load, String rawData) {
        return "{\"benchmark\": \"io.k4s.bench.FloodBenchmark.flood\", \"mode\": \"thrpt\", \"params\": {\"variant\": \""
                + variant + "\", \"mode\": \"" + mode + "\", \"load\": \"" + load + "\"}, \"primaryMetric\": {\"score\": 1.0,"
                + " \"scoreError\": 1000, \"scoreUnit\": \"ops/s\", \"rawData\": " + rawData + "},"
                + " \"secondaryMetrics\": {\"mailboxFull\": {\"score\": 0}}}";
    }

    private static String refusal(String method, double nanos) {
        return "{\"benchmark\": \"io.k4s.bench.RefusalBenchmark." + method + "\", \"mode\": \"avgt\", \"params\": {},"
                + " \"primaryMetric\": {\"score\": " + nanos + ", \"scoreError\": 1000, \"scoreUnit\": \"ns/op\"},"
                + " \"secondaryMetrics\": {}}";
    }

    private static String sample(String variant, double mean) {
        return "{\"benchmark\": \"io.k4s.bench.RoundTripBenchmark.roundTrip\", \"mode\": \"sample\","
                + " \"params\": {\"variant\": \"" + variant + "\"}, \"primaryMetric\": {\"score\": " + mean
                + ", \"scoreError\": \"NaN\", \"scoreUnit\": \"us/op\","
                + " \"scorePercentiles\": {\"50.0\": " + (mean / 2) + ", \"99.0\": " + (mean * 4) + "},"
                + " \"rawDataHistogram\": [[[1.0, 3]]]},"
                + " \"secondaryMetrics\": {}}";
    }
}
