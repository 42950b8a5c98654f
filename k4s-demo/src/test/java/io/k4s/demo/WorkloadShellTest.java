package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload kinds through the shell: their tables as kubectl prints them, names, JSON and scale. */
class WorkloadShellTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String WORKLOADS = """
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              template:
                metadata: {labels: {app: web}}
                spec: {worker: echo}
            ---
            kind: Job
            metadata: {name: once}
            spec:
              template: {spec: {worker: done, restartPolicy: Never}}
            ---
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 3 * * *"
              suspend: true
              jobTemplate: {spec: {template: {spec: {worker: done, restartPolicy: Never}}}}
            ---
            kind: HorizontalAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {kind: Deployment, name: absent}
              minReplicas: 2
              maxReplicas: 4
              metrics: [{type: MessagesPerSecond, averageValue: 50}, {type: RequestLatency, averageValue: 50ms}]
            """;

    @TempDir
    Path dir;

    @Test
    void getOfEachWorkloadKind_printsKubectlsColumns() throws IOException {
        Path file = Files.writeString(dir.resolve("workloads.yaml"), WORKLOADS);
        try (ShellSession s = new ShellSession()) {
            assertEquals("deployment/web created\njob/once created\ncronjob/nightly created\n"
                    + "horizontalautoscaler/web created\n", s.ok("apply -f " + file));
            s.cluster.await(WAIT, "web to have 2 available replicas and once to complete", () ->
                    s.cluster.resources().get(Deployment.class, "default", "web")
                            .map(d -> d.status().availableReplicas() == 2).orElse(false)
                    && s.cluster.resources().get(Job.class, "default", "once")
                            .map(j -> j.status().completionTime() != null).orElse(false));

            assertLines(s.ok("get deploy"), "NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE",
                    "web\\s+2/2\\s+2\\s+2\\s+\\d+s");
            assertLines(s.ok("get deploy -o wide"), "NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+WORKER\\s+SELECTOR",
                    "web\\s+2/2\\s+2\\s+2\\s+\\d+s\\s+echo\\s+app=web");
            assertLines(s.ok("get jobs"), "NAME\\s+COMPLETIONS\\s+DURATION\\s+AGE", "once\\s+1/1\\s+\\d+s\\s+\\d+s");
            assertLines(s.ok("get cj"), "NAME\\s+SCHEDULE\\s+SUSPEND\\s+ACTIVE\\s+LAST SCHEDULE\\s+AGE",
                    "nightly\\s+0 3 \\* \\* \\*\\s+True\\s+0\\s+<none>\\s+\\d+s");
            assertLines(s.ok("get hpa"), "NAME\\s+REFERENCE\\s+TARGETS\\s+MINPODS\\s+MAXPODS\\s+REPLICAS\\s+AGE",
                    "web\\s+Deployment/absent\\s+<unknown>/50, <unknown>/50ms\\s+2\\s+4\\s+0\\s+\\d+s");
            assertEquals("cronjob/nightly\n", s.ok("get cronjobs -o name"));
            assertTrue(s.ok("get all -o name").lines().toList().containsAll(List.of("deployment/web",
                    "horizontalautoscaler/web", "job/once", "cronjob/nightly")));
            assertTrue(s.ok("get deployment web -o json").startsWith("{\n    \"apiVersion\": \"k4s.io/v1\",\n"
                    + "    \"kind\": \"Deployment\",\n"));
            assertEquals("25%\n", s.ok("get deploy web -o jsonpath={.spec.strategy.rollingUpdate.maxSurge}"));
        }
    }

    @Test
    void scaleDeploy_setsItsReplicas_andWaitsUntilTheyAreAvailable_andKindsWithoutReplicasAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("workloads.yaml"), WORKLOADS);
        try (ShellSession s = new ShellSession()) {
            s.ok("apply -f " + file);

            assertEquals("deployment/web scaled to 3\n", s.ok("scale deploy/web --replicas=3"));
            assertLines(s.ok("get deploy web"), "NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE",
                    "web\\s+3/3\\s+3\\s+3\\s+\\d+s");
            assertTrue(s.fails("scale job/once --replicas=2").contains("Job has no replicas to scale; kinds that"
                    + " scale: deployments, replicasets"));
            assertTrue(s.ok("explain deploy.spec.strategy.rollingUpdate.maxSurge")
                    .contains("FIELD: maxSurge <integer | string>"));
        }
    }

    @Test
    void createJobFromCronJob_runsItNow_andDescribeJobShowsEachRunsResultOrError() throws IOException {
        Path file = Files.writeString(dir.resolve("cron.yaml"), """
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 3 * * *"
                  suspend: true
                  jobTemplate:
                    spec:
                      template:
                        spec: {worker: primes, restartPolicy: Never, params: {limit: 100, failIn: [now-1]}}
                """);
        try (ShellSession s = new ShellSession()) {
            s.ok("apply -f " + file);

            assertEquals("job/now created\n", s.ok("create job now --from=cronjob/nightly"));
            s.cluster.jobs().await("default", "now", WAIT);
            String described = s.ok("describe job/now");

            assertTrue(described.contains("Annotations:              k4s.io/instantiate=manual\n"), described);
            assertTrue(described.contains("Controlled By:            CronJob/nightly\n"), described);
            List<String> runs = described.lines().dropWhile(l -> !l.equals("  Runs:")).skip(1).limit(3).toList();
            assertTrue(runs.get(0).matches("\\s+CONTAINER\\s+OUTCOME\\s+FINISHED\\s+RESULT OR ERROR"), described);
            assertTrue(runs.get(1).matches("\\s+now-1\\s+Failed\\s+\\S+\\s+crashed: java.lang.IllegalStateException:"
                    + " flaky on purpose: now-1 is listed in failIn"), described);
            assertTrue(runs.get(2).matches("\\s+now-2\\s+Succeeded\\s+\\S+\\s+25 primes below 100"), described);
            assertTrue(s.fails("create job again --from=rs/web").startsWith("error: --from must name a CronJob"));
            assertTrue(s.fails("create deploy x --from=cronjob/nightly").startsWith("error: create makes namespaces"
                    + " (create namespace NAME) and Jobs from CronJobs"));
            assertTrue(s.fails("create job now --from=cronjob/nightly").contains("already exists"));
        }
    }

    private static void assertLines(String out, String... patterns) {
        List<String> lines = out.lines().toList();
        assertEquals(patterns.length, lines.size(), out);
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(lines.get(i).matches(patterns[i]), "line " + i + " is not " + patterns[i] + ":\n" + out);
        }
    }
}
