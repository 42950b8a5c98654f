package io.k4s.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k4s.api.resource.AutoscalerMetric;
import io.k4s.api.resource.ConcurrencyPolicy;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.DeploymentStrategy;
import io.k4s.api.resource.HorizontalAutoscaler;
import io.k4s.api.resource.IntOrPercent;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.MetricTarget;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.resource.ScaleTargetRef;
import io.k4s.api.resource.ScalingPolicy;
import io.k4s.api.resource.ScalingRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deployment, Job, CronJob and HorizontalAutoscaler manifests as Kubernetes users write them, and their errors. */
class WorkloadManifestTest {

    private final ManifestReader reader = new ManifestReader()
            .withWorkerCheck(w -> w.equals("echo") ? null : "unknown worker type \"" + w + "\"");

    @Test
    void kubernetesFields_readAsKubernetesMeansThem_secondsAsIntegersOrDurations_percentagesAsText() {
        List<Resource> read = reader.read("""
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 3
                  minReadySeconds: 500ms
                  progressDeadlineSeconds: 30
                  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: "25%"}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {worker: echo}
                ---
                kind: Job
                metadata: {name: once}
                spec:
                  parallelism: 2
                  activeDeadlineSeconds: 90
                  ttlSecondsAfterFinished: 1m
                  template: {spec: {worker: echo, restartPolicy: Never}}
                ---
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 3 * * MON-FRI"
                  timeZone: Europe/Paris
                  concurrencyPolicy: Forbid
                  jobTemplate:
                    metadata: {labels: {team: ops}}
                    spec: {template: {spec: {worker: echo, restartPolicy: OnFailure}}}
                ---
                kind: HorizontalAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {kind: Deployment, name: web}
                  maxReplicas: 10
                  metrics: [{type: MessagesPerSecond, averageValue: 100}, {type: RequestLatency, averageValue: 50ms}]
                  behavior:
                    scaleDown:
                      stabilizationWindowSeconds: 10
                      policies: [{type: Pods, value: 2, periodSeconds: 1}]
                """, "workloads.yaml");

        Deployment d = assertInstanceOf(Deployment.class, read.get(0));
        assertEquals(Duration.ofMillis(500), d.spec().minReadySeconds());
        assertEquals(Duration.ofSeconds(30), d.spec().progressDeadlineSeconds());
        assertEquals(DeploymentStrategy.rollingUpdate(IntOrPercent.of(1), IntOrPercent.percent(25)),
                d.spec().strategy());
        Job job = assertInstanceOf(Job.class, read.get(1));
        assertNull(job.spec().completions(), "only parallelism given: a work queue, as in Kubernetes");
        assertEquals(Duration.ofSeconds(90), job.spec().activeDeadlineSeconds());
        assertEquals(Duration.ofMinutes(1), job.spec().ttlSecondsAfterFinished());
        CronJob cron = assertInstanceOf(CronJob.class, read.get(2));
        assertEquals(ConcurrencyPolicy.FORBID, cron.spec().concurrencyPolicy());
        assertEquals(Map.of("team", "ops"), cron.spec().jobTemplate().labels());
        assertEquals(RestartPolicy.ON_FAILURE, cron.spec().jobTemplate().spec().template().spec().restartPolicy());
        HorizontalAutoscaler hpa = assertInstanceOf(HorizontalAutoscaler.class, read.get(3));
        assertEquals(ScaleTargetRef.deployment("web"), hpa.spec().scaleTargetRef());
        assertEquals(1, hpa.spec().minReplicas());
        assertEquals(List.of(new MetricTarget(AutoscalerMetric.MESSAGES_PER_SECOND, 100),
                MetricTarget.requestLatency(Duration.ofMillis(50))), hpa.spec().metrics(), "50ms is read as seconds");
        ScalingRules down = hpa.spec().behavior().scaleDown();
        assertEquals(Duration.ofSeconds(10), down.stabilizationWindowSeconds());
        assertEquals(List.of(ScalingPolicy.containers(2, Duration.ofSeconds(1))), down.policies());
        assertEquals(ScalingRules.SelectPolicy.MAX, down.selectPolicy(), "left out: the direction's default");
    }

    @Test
    void aBadSchedule_isAnErrorAtTheField_namingSpecSchedule() {
        ManifestException e = assertThrows(ManifestException.class, () -> reader.read("""
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 3 * *"
                  timeZone: Mars/Olympus
                  jobTemplate: {spec: {template: {spec: {worker: echo, restartPolicy: Never}}}}
                """, "cron.yaml"));

        assertEquals(List.of("cron.yaml:4:13: CronJob \"nightly\": spec.schedule: expected five fields (minute hour"
                        + " day-of-month month day-of-week), got 4 in \"0 3 * *\"",
                "cron.yaml:5:13: CronJob \"nightly\": spec.timeZone: \"Mars/Olympus\" is not a time zone; use an IANA"
                        + " name such as UTC or Europe/Paris"),
                e.errors().stream().map(ManifestError::toString).toList());
    }

    @Test
    void templates_areCheckedAsContainers_andRulesAcrossFields_atTheFieldTheyName() {
        ManifestException e = assertThrows(ManifestException.class, () -> reader.read("""
                kind: Deployment
                metadata: {name: web}
                spec:
                  strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}
                  template: {spec: {worker: ecko}}
                ---
                kind: Job
                metadata: {name: once}
                spec:
                  template:
                    spec: {worker: echo, restartPolicy: Always}
                ---
                kind: Deployment
                metadata: {name: stuck}
                spec:
                  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: "0%"}}
                  template: {spec: {worker: echo}}
                ---
                kind: HorizontalAutoscaler
                metadata: {name: h}
                spec:
                  scaleTargetRef: {kind: Service, name: web}
                  minReplicas: 5
                  maxReplicas: 2
                  metrics: [{type: BusyRatio, averageValue: 1.5}, {type: Latency, averageValue: 1}]
                """, "w.yaml"));

        assertEquals(List.of(
                "w.yaml:4:45: Deployment \"web\": spec.strategy.rollingUpdate: may not be given when type is Recreate;"
                        + " remove it or use type RollingUpdate",
                "w.yaml:5:29: Deployment \"web\": spec.template.spec.worker: unknown worker type \"ecko\"",
                "w.yaml:11:41: Job \"once\": spec.template.spec.restartPolicy: a Job's containers must end, so use"
                        + " Never (each failed run is a new container) or OnFailure (restarted in place), not Always",
                "w.yaml:16:40: Deployment \"stuck\": spec.strategy.rollingUpdate.maxSurge: maxSurge and maxUnavailable"
                        + " may not both be 0, or no container could ever be replaced; allow a surge (for example"
                        + " maxSurge: 1) or some unavailability",
                "w.yaml:22:26: HorizontalAutoscaler \"h\": spec.scaleTargetRef.kind: expected Deployment or ReplicaSet,"
                        + " got \"Service\"",
                "w.yaml:25:45: HorizontalAutoscaler \"h\": spec.metrics[0].averageValue: a BusyRatio is a share of"
                        + " time, at most 1, got 1.5",
                "w.yaml:25:58: HorizontalAutoscaler \"h\": spec.metrics[1].type: expected one of MailboxDepth,"
                        + " MessagesPerSecond, BusyRatio, RequestLatency, got \"Latency\""),
                e.errors().stream().map(ManifestError::toString).toList());
    }

    @Test
    void averageValue_thatIsNeitherANumberNorADuration_isAnErrorAtItsPlace() {
        ManifestException e = assertThrows(ManifestException.class, () -> reader.read("""
                apiVersion: k4s.io/v1
                kind: HorizontalAutoscaler
                metadata: {name: h}
                spec:
                  scaleTargetRef: {kind: Deployment, name: web}
                  maxReplicas: 2
                  metrics: [{type: RequestLatency, averageValue: soon}]
                """, "h.yaml"));

        assertEquals(List.of("h.yaml:7:50: HorizontalAutoscaler \"h\": spec.metrics[0].averageValue: expected a"
                + " duration such as 5s, 250ms or PT5S, got \"soon\""),
                e.errors().stream().map(ManifestError::toString).toList());
    }

    @Test
    void intOrPercent_refusesAQuotedNumber_andAMissingPercentSign() {
        ManifestException e = assertThrows(ManifestException.class, () -> reader.read("""
                kind: Deployment
                metadata: {name: web}
                spec:
                  strategy: {rollingUpdate: {maxSurge: "2", maxUnavailable: 10.5}}
                  template: {spec: {worker: echo}}
                """, "d.yaml"));

        assertEquals(List.of("d.yaml:4:40: Deployment \"web\": spec.strategy.rollingUpdate.maxSurge: \"2\" is not"
                        + " valid: expected a percentage such as 25% (or a number without quotes)",
                "d.yaml:4:61: Deployment \"web\": spec.strategy.rollingUpdate.maxUnavailable: expected a whole"
                        + " number such as 2 or a percentage such as \"25%\", got 10.5"),
                e.errors().stream().map(ManifestError::toString).toList());
    }
}
