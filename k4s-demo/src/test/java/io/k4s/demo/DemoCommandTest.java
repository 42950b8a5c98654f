package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    private static final List<String> NAMES = List.of("simple-service", "replicated-service", "scaling", "pipeline",
            "request-response", "batch-aggregation", "periodic-generation", "rolling-update", "job", "autoscale");

    @Test
    void list_namesTheTenDemos() {
        Cli.Result r = Cli.run("demo", "--list");
        assertEquals(0, r.exitCode(), r::toString);
        for (String name : NAMES) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains("demos/" + name + ".yaml")),
                    name + " missing:\n" + r);
        }
    }

    @Test
    void allDemos_runAndShowTheirResults() {
        Cli.Result r = Cli.run("demo");
        assertEquals(0, r.exitCode(), r::toString);
        String out = r.out();
        for (int i = 0; i < NAMES.size(); i++) {
            assertTrue(out.contains("=== Demo " + (i + 1) + "/10: " + NAMES.get(i)), NAMES.get(i) + ":\n" + r);
            assertTrue(out.contains("$ apply -f demos/" + NAMES.get(i) + ".yaml"), NAMES.get(i) + ":\n" + r);
            assertTrue(out.contains("--- " + NAMES.get(i) + " done"), NAMES.get(i) + ":\n" + r);
        }
        // simple service
        assertTrue(out.contains("$ request service/echo hello\necho: hello"), r::toString);
        // replicated service: round robin over three replicas, 12 requests
        assertTrue(out.contains("REPLICA   REQUESTS\ncalc-0    4\ncalc-1    4\ncalc-2    4"), r::toString);
        // scaling: tables at 5 and at 1 replicas
        assertTrue(out.contains("replicaset/workers   5         5         5"), r::toString);
        assertTrue(out.contains("replicaset/workers   1         1         1"), r::toString);
        // pipeline: four batches of five upper-cased orders
        assertTrue(out.contains("batch 4: count=5 items=[ORDER"), r::toString);
        // request-response: answers and the error as the caller sees it
        assertTrue(out.contains("$ request service/calculator 10 / 3\n  = 3.3333"), r::toString);
        assertTrue(out.contains("worker failed: division by zero"), r::toString);
        assertTrue(out.contains("$ request service/calculator 7 % 3\n  = 1"), r::toString);
        // batch aggregation: two batches by size, one by window
        assertTrue(out.contains("batch 2: count=10 sum=155"), r::toString);
        assertTrue(out.contains("batch 3: count=5 sum=115"), r::toString);
        // periodic generation
        assertTrue(out.contains("batch 2: count=5 items=[tick 6, tick 7, tick 8, tick 9, tick 10]"), r::toString);
        // skipped counts ticks that found the sink not yet routed: usually 0, more on a busy machine
        assertTrue(out.lines().anyMatch(l -> l.matches("generator stats: \\{sent: 10, skipped: \\d+}")), r::toString);
        // rolling update: progress as kubectl prints it, and not one failed request in both rollouts
        assertTrue(out.contains("$ rollout status deploy/web\n"), r::toString);
        assertTrue(out.lines().filter(l -> l.matches("  \\[\\d+\\.\\d\\ds] deployment \"web\" successfully rolled out"))
                .count() == 2, r::toString);
        assertTrue(out.lines().anyMatch(l -> l.matches("Requests sent during both rollouts: \\d+, failed: 0 \\(answered"
                + " by v1: [1-9]\\d*, by v2: [1-9]\\d*\\)\\.")), r::toString);
        assertTrue(out.contains("2          second release"), r::toString);
        // job: the flaky task failed once and was retried; six results
        assertTrue(out.lines().anyMatch(l -> l.matches("  \\[\\d+\\.\\d\\ds] active 0, succeeded 6, failed 1 -> Complete"
                + " \\(CompletionsReached\\)")), r::toString);
        assertTrue(out.contains("primes-2    Failed      crashed: java.lang.IllegalStateException: flaky on purpose"),
                r::toString);
        assertEquals(6, out.lines().filter(l -> l.matches("primes-\\d\\s+Succeeded\\s+148933 primes below 2000000"))
                .count(), r::toString);
        // autoscale: up to the maximum under load, back to the minimum after it
        assertTrue(out.lines().anyMatch(l -> l.matches("  \\[\\d+\\.\\d\\ds] replicas 5 \\(available 5\\); .*")),
                r::toString);
        assertTrue(out.lines().anyMatch(l -> l.matches("  \\[\\d+\\.\\d\\ds] replicas 1 \\(available 1\\); .*")),
                r::toString);
        assertTrue(out.contains("10 demos finished"), r::toString);
    }

    @Test
    void unknownDemo_namesTheDemosAndExits1() {
        Cli.Result r = Cli.run("demo", "nope");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("error: no demo named \"nope\"; the demos are simple-service, "), r::toString);
    }
}
