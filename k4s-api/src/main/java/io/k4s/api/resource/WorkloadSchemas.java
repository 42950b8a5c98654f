package io.k4s.api.resource;

import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.DurationSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MappedSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.OneOfSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The schemas of the workload kinds built on containers: Deployment, Job and CronJob (the
 * HorizontalAutoscaler's are in {@link AutoscalerSchemas}). Their templates embed
 * {@link ContainerSchemas#TEMPLATE}, so worker types are checked as a Container's are.
 *
 * <p>Fields that Kubernetes counts in seconds ({@code minReadySeconds}...) keep their names and
 * take any duration ({@code 500ms}, {@code 2s}); a bare integer is seconds, as in Kubernetes.
 */
public final class WorkloadSchemas {

    private WorkloadSchemas() {}

    /** A count or a percentage of a total, as Kubernetes' IntOrString: {@code 3} or {@code "25%"}. */
    public static final MappedSchema<IntOrPercent, Object> INT_OR_PERCENT = MappedSchema.of(
            "A whole number such as 2, or a percentage of the desired replicas such as \"25%\".",
            OneOfSchema.<Object>builder()
                    .expectation("a whole number such as 2 or a percentage such as \"25%\"")
                    .alternative(Integer.class, IntegerSchema.int32().min(0).description("A number.").build())
                    .alternative(String.class, StringSchema.builder().description("A percentage such as 25%.")
                            .pattern("\\d{1,9}%", "expected a percentage such as 25% (or a number without quotes)")
                            .build())
                    .build(),
            WorkloadSchemas::intOrPercent, p -> p.percent() ? (Object) p.toString() : (Object) p.value());

    private static final ObjectSchema<DeploymentStrategy.RollingUpdate> ROLLING_UPDATE =
            ObjectSchema.<DeploymentStrategy.RollingUpdate>builder("RollingUpdateDeployment")
                    .description("The budget of a rolling update; maxSurge rounds up, maxUnavailable down.")
                    .optional("maxSurge", INT_OR_PERCENT, DeploymentStrategy.RollingUpdate::maxSurge,
                            IntOrPercent.percent(25), "How many containers may run above the desired count"
                                    + " during a rollout: a number or a percentage; default 25%.")
                    .optional("maxUnavailable", INT_OR_PERCENT, DeploymentStrategy.RollingUpdate::maxUnavailable,
                            IntOrPercent.percent(25), "How many of the desired containers may be unavailable"
                                    + " during a rollout: a number or a percentage, at most 100%; default 25%.")
                    .build(v -> {
                        IntOrPercent surge = v.get("maxSurge");
                        IntOrPercent unavailable = v.get("maxUnavailable");
                        boolean overFull = unavailable.percent() && unavailable.value() > 100;
                        boolean stuck = surge.isZero() && unavailable.isZero();
                        if (overFull) {
                            v.problem("maxUnavailable", "at most 100%, got " + unavailable);
                        }
                        if (stuck) {
                            v.problem("maxSurge", "maxSurge and maxUnavailable may not both be 0, or no container"
                                    + " could ever be replaced; allow a surge (for example maxSurge: 1) or some"
                                    + " unavailability");
                        }
                        if (overFull || stuck) {
                            return null;
                        }
                        return new DeploymentStrategy.RollingUpdate(surge, unavailable);
                    });

    private static final ObjectSchema<DeploymentStrategy> STRATEGY = ObjectSchema.<DeploymentStrategy>builder(
                    "DeploymentStrategy")
            .description("How a rollout replaces old containers: RollingUpdate (default) or Recreate.")
            .optional("type", EnumSchema.of("RollingUpdate (default) starts new containers and stops old ones step"
                    + " by step within the budget; Recreate stops every old container first.",
                    DeploymentStrategy.Type.values(), DeploymentStrategy.Type::text),
                    DeploymentStrategy::type, DeploymentStrategy.Type.ROLLING_UPDATE, "")
            .optional("rollingUpdate", ROLLING_UPDATE, DeploymentStrategy::rollingUpdate, null,
                    "The budget of a RollingUpdate; default maxSurge 25%, maxUnavailable 25%. Not with Recreate.")
            .build(v -> {
                if (v.get("type") == DeploymentStrategy.Type.RECREATE && v.get("rollingUpdate") != null) {
                    v.problem("rollingUpdate", "may not be given when type is Recreate; remove it or use type"
                            + " RollingUpdate");
                    return null;
                }
                return new DeploymentStrategy(v.get("type"), v.get("rollingUpdate"));
            });

    /** A Deployment's spec. */
    public static final ObjectSchema<DeploymentSpec> DEPLOYMENT_SPEC = ObjectSchema.<DeploymentSpec>builder(
                    "DeploymentSpec")
            .description("How many replicas of which template, and how to roll out a change of the template.")
            .optional("replicas", IntegerSchema.int32().min(0).max(ReplicaSetSpec.MAX_REPLICAS)
                    .description("How many containers, 0 to " + ReplicaSetSpec.MAX_REPLICAS + "; default 1.").build(),
                    DeploymentSpec::replicas, 1, "")
            .required("template", ContainerSchemas.TEMPLATE, DeploymentSpec::template,
                    "What each container looks like; a change starts a rollout.")
            .optional("strategy", STRATEGY, DeploymentSpec::strategy, DeploymentStrategy.DEFAULT, "")
            .optional("minReadySeconds", seconds("How long a new container must be ready before it counts as"
                    + " available; default 0."), DeploymentSpec::minReadySeconds, Duration.ZERO, "").omitDefault()
            .optional("revisionHistoryLimit", IntegerSchema.int32().min(0).description("How many old ReplicaSets"
                    + " (scaled to 0) are kept for undo; default " + DeploymentSpec.DEFAULT_REVISION_HISTORY_LIMIT
                    + ".").build(), DeploymentSpec::revisionHistoryLimit,
                    DeploymentSpec.DEFAULT_REVISION_HISTORY_LIMIT, "")
            .optional("progressDeadlineSeconds", seconds("How long a rollout may make no progress before its"
                    + " Progressing condition turns False (ProgressDeadlineExceeded); more than minReadySeconds,"
                    + " default 600 (seconds)."), DeploymentSpec::progressDeadlineSeconds,
                    DeploymentSpec.DEFAULT_PROGRESS_DEADLINE, "")
            .optional("paused", BooleanSchema.of("Whether template changes wait (scaling still applies); default"
                    + " false."), DeploymentSpec::paused, false, "").omitDefault()
            .build(v -> {
                Duration minReady = v.get("minReadySeconds");
                Duration deadline = v.get("progressDeadlineSeconds");
                if (deadline.compareTo(minReady) <= 0) {
                    v.problem("progressDeadlineSeconds", "must be more than minReadySeconds");
                    return null;
                }
                return new DeploymentSpec(v.<Integer>get("replicas"), v.get("template"), v.get("strategy"), minReady,
                        v.get("revisionHistoryLimit"), deadline, v.<Boolean>get("paused"));
            });

    /** A Deployment's status. */
    public static final ObjectSchema<DeploymentStatus> DEPLOYMENT_STATUS = ObjectSchema.<DeploymentStatus>builder(
                    "DeploymentStatus")
            .description("The Deployment's containers and the state of its rollout.")
            .optional("replicas", count("Containers of all its ReplicaSets."), DeploymentStatus::replicas, 0, "")
            .optional("updatedReplicas", count("Containers of the current template."),
                    DeploymentStatus::updatedReplicas, 0, "")
            .optional("readyReplicas", count("Ready containers."), DeploymentStatus::readyReplicas, 0, "")
            .optional("availableReplicas", count("Containers ready for at least minReadySeconds."),
                    DeploymentStatus::availableReplicas, 0, "")
            .optional("unavailableReplicas", count("Desired containers not available yet."),
                    DeploymentStatus::unavailableReplicas, 0, "")
            .optional("observedGeneration", ContainerSchemas.observedGeneration(),
                    DeploymentStatus::observedGeneration, 0L, "")
            .optional("conditions", MetadataSchemas.CONDITIONS, DeploymentStatus::conditions, List.of(),
                    "Available and Progressing.")
            .optional("collisionCount", count("How often a new ReplicaSet's name was taken by another template."),
                    DeploymentStatus::collisionCount, 0, "").omitDefault()
            .build(v -> new DeploymentStatus(v.<Integer>get("replicas"), v.<Integer>get("updatedReplicas"),
                    v.<Integer>get("readyReplicas"), v.<Integer>get("availableReplicas"),
                    v.<Integer>get("unavailableReplicas"), v.<Long>get("observedGeneration"), v.get("conditions"),
                    v.<Integer>get("collisionCount")));

    /** A Job's spec. */
    public static final ObjectSchema<JobSpec> JOB_SPEC = ObjectSchema.<JobSpec>builder("JobSpec")
            .description("What a Job runs, how many times, how many at once and how long it may try.")
            .required("template", ContainerSchemas.TEMPLATE, JobSpec::template, "What each container looks like;"
                    + " its restartPolicy must be Never (a failed run is a new container) or OnFailure (restarted"
                    + " in place).")
            .optional("completions", IntegerSchema.int32().min(0).description("How many containers must succeed;"
                    + " default 1, or none (a work queue, done when one succeeded) when only parallelism is given.")
                    .build(), JobSpec::completions, null, "")
            .optional("parallelism", IntegerSchema.int32().min(0).description("How many containers may run at"
                    + " once, never exceeded; default 1; 0 holds the Job.").build(), JobSpec::parallelism, null, "")
            .optional("backoffLimit", IntegerSchema.int32().min(0).description("How many failed runs are retried"
                    + " before the Job fails with BackoffLimitExceeded; default " + JobSpec.DEFAULT_BACKOFF_LIMIT
                    + ".").build(), JobSpec::backoffLimit, JobSpec.DEFAULT_BACKOFF_LIMIT, "")
            .optional("activeDeadlineSeconds", seconds("How long the Job may run from its start before it fails"
                    + " with DeadlineExceeded; positive; no limit when absent."), JobSpec::activeDeadlineSeconds,
                    null, "")
            .optional("ttlSecondsAfterFinished", seconds("How long a finished Job is kept before it is deleted with"
                    + " its containers; kept when absent."), JobSpec::ttlSecondsAfterFinished, null, "")
            .build(v -> {
                ContainerTemplate template = v.get("template");
                boolean restarts = template.spec().restartPolicy() == RestartPolicy.ALWAYS;
                Duration deadline = v.get("activeDeadlineSeconds");
                boolean noTime = deadline != null && deadline.isZero();
                if (restarts) {
                    v.problem("template.spec.restartPolicy", "a Job's containers must end, so use Never (each failed"
                            + " run is a new container) or OnFailure (restarted in place), not Always");
                }
                if (noTime) {
                    v.problem("activeDeadlineSeconds", "must be positive; leave it out for no limit");
                }
                if (restarts || noTime) {
                    return null;
                }
                return new JobSpec(template, v.get("completions"), v.get("parallelism"), v.get("backoffLimit"),
                        deadline, v.get("ttlSecondsAfterFinished"));
            });

    private static final ObjectSchema<JobRun> JOB_RUN = ObjectSchema.<JobRun>builder("JobRun")
            .description("How one container of the Job ended.")
            .required("container", StringSchema.of("The container's name."), JobRun::container, "")
            .optional("succeeded", BooleanSchema.of("Whether it succeeded."), JobRun::succeeded, false, "")
            .optional("result", StringSchema.of("What the worker passed to exit(result)."), JobRun::result, "", "")
            .optional("error", StringSchema.of("Why it failed: the crash, fail(error), or a deadline."),
                    JobRun::error, "", "")
            .optional("finishedAt", TimestampSchema.of("When the Job controller saw it end."), JobRun::finishedAt,
                    null, "")
            .build(v -> new JobRun(v.get("container"), v.<Boolean>get("succeeded"), v.get("result"), v.get("error"),
                    v.get("finishedAt")));

    /** A Job's status. */
    public static final ObjectSchema<JobStatus> JOB_STATUS = ObjectSchema.<JobStatus>builder("JobStatus")
            .description("The Job's containers and whether it has finished.")
            .optional("active", count("Containers running (or about to)."), JobStatus::active, 0, "")
            .optional("succeeded", count("Containers that succeeded."), JobStatus::succeeded, 0, "")
            .optional("failed", count("Failed runs: failed containers, plus restarts of OnFailure ones."),
                    JobStatus::failed, 0, "")
            .optional("startTime", TimestampSchema.of("When the Job controller first started it."),
                    JobStatus::startTime, null, "")
            .optional("completionTime", TimestampSchema.of("When it completed successfully."),
                    JobStatus::completionTime, null, "")
            .optional("conditions", MetadataSchemas.CONDITIONS, JobStatus::conditions, List.of(),
                    "Complete or Failed, once finished.")
            .optional("runs", ListSchema.of("The finished containers' results and errors, the " + JobStatus.MAX_RUNS
                    + " most recently created, oldest first.", JOB_RUN), JobStatus::runs, List.of(), "")
            .optional("observedGeneration", ContainerSchemas.observedGeneration(), JobStatus::observedGeneration,
                    0L, "")
            .build(v -> {
                List<JobRun> runs = v.get("runs");
                if (runs.size() > JobStatus.MAX_RUNS) {
                    v.problem("runs", "at most " + JobStatus.MAX_RUNS + " runs are kept, got " + runs.size());
                    return null;
                }
                return new JobStatus(v.<Integer>get("active"), v.<Integer>get("succeeded"), v.<Integer>get("failed"),
                        v.get("startTime"), v.get("completionTime"), v.get("conditions"), runs,
                        v.<Long>get("observedGeneration"));
            });

    private static final ObjectSchema<TemplateMetadata> JOB_TEMPLATE_METADATA =
            ObjectSchema.<TemplateMetadata>builder("JobTemplateMetadata")
                    .description("The labels and annotations every created Job gets.")
                    .optional("labels", MetadataSchemas.LABELS, TemplateMetadata::labels, Map.of(), "")
                    .optional("annotations", MetadataSchemas.ANNOTATIONS, TemplateMetadata::annotations, Map.of(), "")
                    .build(v -> new TemplateMetadata(v.get("labels"), v.get("annotations")));

    private static final ObjectSchema<JobTemplate> JOB_TEMPLATE = ObjectSchema.<JobTemplate>builder("JobTemplate")
            .description("The Jobs a CronJob creates: their labels and annotations, and their spec.")
            .optional("metadata", JOB_TEMPLATE_METADATA, t -> new TemplateMetadata(t.labels(), t.annotations()),
                    TemplateMetadata.EMPTY, "")
            .required("spec", JOB_SPEC, JobTemplate::spec, "")
            .build(v -> {
                TemplateMetadata meta = v.get("metadata");
                return new JobTemplate(meta.labels(), meta.annotations(), v.get("spec"));
            });

    /** A CronJob's spec. */
    public static final ObjectSchema<CronJobSpec> CRON_JOB_SPEC = ObjectSchema.<CronJobSpec>builder("CronJobSpec")
            .description("When a CronJob creates Jobs, and how many finished ones it keeps.")
            .required("schedule", StringSchema.builder().description("When Jobs are due: five cron fields (minute"
                    + " hour day-of-month month day-of-week; names such as MON and JAN, ranges, lists and steps), or"
                    + " @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly.")
                    .check(CronJobSpec::scheduleProblem).build(), CronJobSpec::schedule, "")
            .optional("timeZone", StringSchema.builder().description("An IANA time zone such as Europe/Paris for the"
                    + " schedule; default the cluster clock's.").check(WorkloadSchemas::timeZoneProblem).build(),
                    CronJobSpec::timeZone, null, "")
            .optional("concurrencyPolicy", EnumSchema.of("What happens when a Job is due while one runs: Allow"
                    + " (default) starts it anyway, Forbid skips it, Replace deletes the running one.",
                    ConcurrencyPolicy.values(), ConcurrencyPolicy::text), CronJobSpec::concurrencyPolicy,
                    ConcurrencyPolicy.ALLOW, "")
            .optional("suspend", BooleanSchema.of("Whether no new Job is started; default false."),
                    CronJobSpec::suspend, false, "")
            .optional("startingDeadlineSeconds", seconds("How late a due Job may still start (a run missed by more"
                    + " is skipped); no limit when absent."), CronJobSpec::startingDeadlineSeconds, null, "")
            .optional("successfulJobsHistoryLimit", IntegerSchema.int32().min(0).description("How many completed"
                    + " Jobs are kept; default " + CronJobSpec.DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT + ".").build(),
                    CronJobSpec::successfulJobsHistoryLimit, CronJobSpec.DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT, "")
            .optional("failedJobsHistoryLimit", IntegerSchema.int32().min(0).description("How many failed Jobs are"
                    + " kept; default " + CronJobSpec.DEFAULT_FAILED_JOBS_HISTORY_LIMIT + ".").build(),
                    CronJobSpec::failedJobsHistoryLimit, CronJobSpec.DEFAULT_FAILED_JOBS_HISTORY_LIMIT, "")
            .required("jobTemplate", JOB_TEMPLATE, CronJobSpec::jobTemplate, "")
            .build(v -> new CronJobSpec(v.get("schedule"), v.get("timeZone"), v.get("concurrencyPolicy"),
                    v.<Boolean>get("suspend"), v.get("startingDeadlineSeconds"), v.get("successfulJobsHistoryLimit"),
                    v.get("failedJobsHistoryLimit"), v.get("jobTemplate")));

    /** A CronJob's status. */
    public static final ObjectSchema<CronJobStatus> CRON_JOB_STATUS = ObjectSchema.<CronJobStatus>builder(
                    "CronJobStatus")
            .description("The CronJob's running Jobs and when it last started one.")
            .optional("active", ListSchema.of("The names of its Jobs still running, sorted.",
                    StringSchema.of("A Job name.")), CronJobStatus::active, List.of(), "")
            .optional("lastScheduleTime", TimestampSchema.of("The scheduled time of the last Job it started."),
                    CronJobStatus::lastScheduleTime, null, "")
            .optional("lastSuccessfulTime", TimestampSchema.of("When its last Job completed successfully."),
                    CronJobStatus::lastSuccessfulTime, null, "")
            .optional("conditions", MetadataSchemas.CONDITIONS, CronJobStatus::conditions, List.of(),
                    "For example InvalidSchedule when the schedule cannot be read.")
            .optional("observedGeneration", ContainerSchemas.observedGeneration(), CronJobStatus::observedGeneration,
                    0L, "")
            .build(v -> new CronJobStatus(v.get("active"), v.get("lastScheduleTime"), v.get("lastSuccessfulTime"),
                    v.get("conditions"), v.<Long>get("observedGeneration")));

    /** A duration field that Kubernetes counts in seconds: a bare integer is seconds. */
    static DurationSchema seconds(String description) {
        return DurationSchema.builder().integerSeconds().description(description + " A duration such as 30s or"
                + " 500ms; a bare integer is seconds.").build();
    }

    /** A count that is never negative, for statuses. */
    static IntegerSchema<Integer> count(String description) {
        return IntegerSchema.int32().min(0).description(description).build();
    }

    private static IntOrPercent intOrPercent(Object wire) {
        return wire instanceof Integer n ? IntOrPercent.of(n) : IntOrPercent.parse((String) wire);
    }

    private static String timeZoneProblem(String zone) {
        try {
            ZoneId.of(zone);
            return null;
        } catch (DateTimeException e) {
            return "\"" + zone + "\" is not a time zone; use an IANA name such as UTC or Europe/Paris";
        }
    }
}
