package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ConcurrencyPolicy;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.CronJobSpec;
import io.k4s.api.resource.CronJobStatus;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Create a CronJob's Jobs at its schedule's fire times, as Kubernetes' CronJob controller (v2)
 * does, with time from the context's clock.
 *
 * <p>Each reconcile: lists the CronJob's Jobs, notes the running ones and the last success,
 * deletes finished Jobs beyond the history limits (oldest first), and then, unless suspended,
 * finds the most recent fire time after the last one it started (or its creation), no earlier
 * than {@code startingDeadlineSeconds} ago. If there is one: with {@code Forbid} and a Job still
 * running it waits (the run starts late when that Job ends, if still within the deadline); with
 * {@code Replace} it deletes the running Jobs; then it creates Job {@code NAME-MINUTES}. It asks
 * to be requeued at the next fire time. A schedule cron-utils cannot read is reported in an
 * {@value #INVALID_SCHEDULE} condition and starts nothing. Events on the CronJob, as Kubernetes
 * records them: {@code SuccessfulCreate} and {@code SuccessfulDelete} of a Job,
 * {@code SawCompletedJob} once a running Job finished, {@code JobAlreadyActive} when Forbid holds
 * a run, and the Warnings {@code MissSchedule} and {@code InvalidSchedule}. Thread-safe and
 * stateless.
 */
public final class CronJobReconciler implements Reconciler {

    /** The condition type reported when the schedule or the time zone cannot be read. */
    public static final String INVALID_SCHEDULE = "InvalidSchedule";

    /** Create the reconciler; the manager finds it through ServiceLoader. */
    public CronJobReconciler() {
    }

    @Override
    public Class<CronJob> resourceType() {
        return CronJob.class;
    }

    @Override
    public Set<Class<? extends Resource>> ownedTypes() {
        return Set.of(Job.class);
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        ResourceClient resources = context.resources();
        CronJob cj = resources.get(CronJob.class, key).orElse(null);
        if (cj == null || cj.metadata().deleting()) {
            return Result.done();
        }
        CronJobSpec spec = cj.spec();
        Instant now = context.clock().instant();
        List<Job> active = new ArrayList<>();
        List<Job> succeeded = new ArrayList<>();
        List<Job> failed = new ArrayList<>();
        Instant lastSuccess = cj.status().lastSuccessfulTime();
        for (Job job : resources.list(Job.class, cj.metadata().namespace()).items()) {
            if (!job.metadata().controller().map(ref -> ref.refersTo(cj)).orElse(false)) {
                continue;
            }
            Condition finished = job.status().finished().orElse(null);
            if (finished == null) {
                active.add(job);
                continue;
            }
            if (cj.status().active().contains(job.metadata().name())) {
                // It was running at the last status write: say once that it finished, as Kubernetes does.
                context.events().normal(cj, "SawCompletedJob", "Saw completed job: " + job.metadata().name()
                        + ", status: " + finished.type());
            }
            if (finished.type().equals(JobStatus.COMPLETE)) {
                succeeded.add(job);
                Instant done = job.status().completionTime() != null ? job.status().completionTime()
                        : finished.lastTransitionTime();
                if (done != null && (lastSuccess == null || done.isAfter(lastSuccess))) {
                    lastSuccess = done;
                }
            } else {
                failed.add(job);
            }
        }
        trim(cj, succeeded, spec.successfulJobsHistoryLimit(), resources, context);
        trim(cj, failed, spec.failedJobsHistoryLimit(), resources, context);

        Instant lastSchedule = cj.status().lastScheduleTime();
        List<Condition> conditions = new ArrayList<>();
        CronSchedule schedule;
        ZoneId zone;
        try {
            schedule = CronSchedule.parse(spec.schedule());
            zone = spec.timeZone() == null ? context.clock().getZone() : ZoneId.of(spec.timeZone());
        } catch (RuntimeException e) {
            conditions.add(new Condition(INVALID_SCHEDULE, true, INVALID_SCHEDULE, "spec.schedule: " + e.getMessage(),
                    now));
            context.events().warning(cj, INVALID_SCHEDULE, "spec.schedule: " + e.getMessage());
            writeStatus(cj, active, lastSchedule, lastSuccess, conditions, context);
            return Result.done();
        }
        Result next = nextFire(schedule, now, zone);
        if (spec.suspend()) {
            writeStatus(cj, active, lastSchedule, lastSuccess, conditions, context);
            return Result.done();
        }
        // Kubernetes' mostRecentScheduleTime: the latest fire time after the last run started
        // (or the CronJob's creation) and at or before now, but no earlier than the deadline.
        Instant since = lastSchedule != null ? lastSchedule
                : cj.metadata().creationTimestamp() != null ? cj.metadata().creationTimestamp() : now;
        Instant latest = schedule.latestAtOrBefore(now, zone).filter(t -> t.isAfter(since)).orElse(null);
        Instant due = latest;
        if (latest != null && spec.startingDeadlineSeconds() != null
                && latest.isBefore(now.minus(spec.startingDeadlineSeconds()))) {
            context.log().info("CronJob {}: missed the run of {} by more than startingDeadlineSeconds {}; skipping it",
                    key, latest, spec.startingDeadlineSeconds());
            context.events().warning(cj, "MissSchedule", "Missed scheduled time to start a job: " + latest);
            due = null;
        }
        if (due == null) {
            writeStatus(cj, active, lastSchedule, lastSuccess, conditions, context);
            return next;
        }
        if (!active.isEmpty() && spec.concurrencyPolicy() == ConcurrencyPolicy.FORBID) {
            context.log().debug("CronJob {}: run of {} waits: Forbid, and {} still runs", key, due,
                    active.getFirst().metadata().name());
            context.events().normal(cj, "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid");
            writeStatus(cj, active, lastSchedule, lastSuccess, conditions, context);
            return next;
        }
        if (!active.isEmpty() && spec.concurrencyPolicy() == ConcurrencyPolicy.REPLACE) {
            for (Job job : active) {
                context.log().info("CronJob {}: replacing Job {} (concurrencyPolicy Replace)", key,
                        job.metadata().name());
                delete(cj, job, resources, context);
            }
            active.clear();
        }
        Job job = newJob(cj, due);
        try {
            active.add(resources.create(job));
            context.log().info("CronJob {}: created Job {} for {}", key, job.metadata().name(), due);
            context.events().normal(cj, "SuccessfulCreate", "Created job " + job.metadata().name());
        } catch (AlreadyExistsException e) {
            context.log().debug("CronJob {}: Job {} exists already", key, job.metadata().name());
        }
        writeStatus(cj, active, due, lastSuccess, conditions, context);
        return next;
    }

    private static Result nextFire(CronSchedule schedule, Instant now, ZoneId zone) {
        return schedule.nextAfter(now, zone).map(t -> Result.requeueAfter(Duration.between(now, t)))
                .orElse(Result.done());
    }

    /** The Job for the run due at {@code scheduled}, named after its minute as Kubernetes names it. */
    static Job newJob(CronJob cj, Instant scheduled) {
        return cj.newJob(cj.metadata().name() + "-" + scheduled.getEpochSecond() / 60,
                Map.of(CronJob.SCHEDULED_AT_ANNOTATION, scheduled.toString()));
    }

    private static void trim(CronJob cj, List<Job> finished, int limit, ResourceClient resources,
                             ReconcileContext context) {
        finished.sort(Comparator.comparing((Job j) -> j.metadata().creationTimestamp(),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(j -> j.metadata().name()));
        for (int i = 0; i < finished.size() - limit; i++) {
            delete(cj, finished.get(i), resources, context);
        }
    }

    private static void delete(CronJob cj, Job job, ResourceClient resources, ReconcileContext context) {
        try {
            resources.delete(Job.class, job.metadata().namespace(), job.metadata().name());
            context.events().normal(cj, "SuccessfulDelete", "Deleted job " + job.metadata().name());
        } catch (NotFoundException e) {
            context.log().debug("Job {} was gone already", job.key());
        }
    }

    private static void writeStatus(CronJob cj, List<Job> active, Instant lastSchedule, Instant lastSuccess,
                                    List<Condition> conditions, ReconcileContext context) {
        List<String> names = active.stream().map(j -> j.metadata().name()).sorted().toList();
        List<Condition> kept = new ArrayList<>();
        for (Condition c : conditions) {
            Condition previous = cj.status().conditions().stream().filter(p -> p.type().equals(c.type())
                    && p.status() == c.status() && p.message().equals(c.message())).findFirst().orElse(null);
            kept.add(previous != null ? previous : c);
        }
        CronJobStatus status = new CronJobStatus(names, lastSchedule, lastSuccess, kept, cj.metadata().generation());
        if (!status.equals(cj.status())) {
            try {
                context.resources().updateStatus(cj.withStatus(status));
            } catch (NotFoundException e) {
                context.log().debug("CronJob {} was deleted while it was reconciled", cj.key());
            }
        }
    }
}
