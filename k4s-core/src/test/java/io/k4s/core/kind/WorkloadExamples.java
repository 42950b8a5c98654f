package io.k4s.core.kind;

import io.k4s.api.resource.AutoscalerMetric;
import io.k4s.api.resource.ConcurrencyPolicy;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.CronJobSpec;
import io.k4s.api.resource.CronJobStatus;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.DeploymentSpec;
import io.k4s.api.resource.DeploymentStatus;
import io.k4s.api.resource.DeploymentStrategy;
import io.k4s.api.resource.HorizontalAutoscaler;
import io.k4s.api.resource.HorizontalAutoscalerSpec;
import io.k4s.api.resource.HorizontalAutoscalerStatus;
import io.k4s.api.resource.IntOrPercent;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobRun;
import io.k4s.api.resource.JobSpec;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.JobTemplate;
import io.k4s.api.resource.MetricTarget;
import io.k4s.api.resource.MetricValue;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.resource.ScaleTargetRef;
import io.k4s.api.resource.ScalingBehavior;
import io.k4s.api.resource.ScalingPolicy;
import io.k4s.api.resource.ScalingRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Resources of the workload kinds (Deployment, Job, CronJob, HorizontalAutoscaler) with every
 * field set to something other than its default, and with their defaults only: what the
 * round-trip tests of every kind run through the codec.
 */
final class WorkloadExamples {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private WorkloadExamples() {}

    /** Every field set, and each kind once more with its defaults. */
    static List<Resource> all(ObjectMeta meta) {
        ContainerTemplate onFailure = new ContainerTemplate(Map.of("app", "batch"), Map.of("note", "x"),
                new ContainerSpec("calculator", Map.of("n", 3), RestartPolicy.ON_FAILURE, 50, Duration.ofSeconds(2)));
        ContainerTemplate web = ContainerTemplate.of(Map.of("app", "web"), ContainerSpec.of("echo"));
        Condition progressing = new Condition(DeploymentStatus.PROGRESSING, true, "ReplicaSetUpdated", "moving",
                AT, AT.plusSeconds(9));

        Deployment deployment = new Deployment(meta, new DeploymentSpec(4, web,
                DeploymentStrategy.rollingUpdate(IntOrPercent.of(2), IntOrPercent.percent(10)), Duration.ofMillis(500),
                3, Duration.ofSeconds(30), true),
                new DeploymentStatus(5, 3, 4, 2, 2, 7, List.of(progressing), 1));
        Deployment recreate = Deployment.of(ObjectMeta.of("d"),
                DeploymentSpec.of(web).withStrategy(DeploymentStrategy.RECREATE));

        JobSpec jobSpec = new JobSpec(onFailure, 5, 2, 1, Duration.ofMinutes(2), Duration.ofMillis(1500));
        Job job = new Job(meta, jobSpec, new JobStatus(1, 3, 2, AT, AT.plusSeconds(70),
                List.of(new Condition(JobStatus.COMPLETE, true, JobStatus.COMPLETIONS_REACHED, "", AT)),
                List.of(new JobRun("batch-1", true, "42", "", AT), new JobRun("batch-2", false, "", "boom", null)),
                4));
        Job workQueue = Job.of(ObjectMeta.of("q"), JobSpec.of(onFailure).withCompletions(null, 3));

        CronJob cronJob = new CronJob(meta, new CronJobSpec("*/5 * * * MON-FRI", "Europe/Paris",
                ConcurrencyPolicy.FORBID, true, Duration.ofSeconds(20), 5, 0,
                new JobTemplate(Map.of("team", "ops"), Map.of("why", "nightly"), jobSpec)),
                new CronJobStatus(List.of("batch-100", "batch-200"), AT, AT.plusSeconds(3),
                        List.of(new Condition("InvalidSchedule", false, "", "", null)), 2));
        CronJob hourly = CronJob.of(ObjectMeta.of("c"), CronJobSpec.of("@hourly",
                JobTemplate.of(JobSpec.of(onFailure))));

        ScalingBehavior behavior = new ScalingBehavior(
                new ScalingRules(Duration.ofSeconds(3), ScalingRules.SelectPolicy.MIN,
                        List.of(ScalingPolicy.containers(2, Duration.ofMillis(500)))),
                new ScalingRules(null, ScalingRules.SelectPolicy.DISABLED, null));
        HorizontalAutoscaler autoscaler = new HorizontalAutoscaler(meta, new HorizontalAutoscalerSpec(
                ScaleTargetRef.deployment("web"), 2, 9,
                List.of(MetricTarget.messagesPerSecond(100), MetricTarget.busyRatio(0.75)), behavior),
                new HorizontalAutoscalerStatus(3, 4, List.of(new MetricValue(AutoscalerMetric.MESSAGES_PER_SECOND,
                        120.5)), AT, List.of(new Condition("ScalingLimited", false, "", "", AT)), 6));
        HorizontalAutoscaler plain = HorizontalAutoscaler.of(ObjectMeta.of("h"), HorizontalAutoscalerSpec.of(
                ScaleTargetRef.replicaSet("calc"), 1, 3, List.of(MetricTarget.mailboxDepth(10))));

        return List.of(deployment, recreate, job, workQueue, cronJob, hourly, autoscaler, plain);
    }
}
