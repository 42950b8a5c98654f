package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobRun;
import io.k4s.api.resource.JobSpec;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Run a Job's containers until enough have succeeded, as Kubernetes' job controller does.
 *
 * <p>Each reconcile counts the Job's containers (running, succeeded, failed; a restart of an
 * {@code OnFailure} container counts as a failed run), records finished ones in status (result
 * or error, the {@value JobStatus#MAX_RUNS} most recent), and then:
 * <ul>
 *   <li>fails the Job ({@code BackoffLimitExceeded}) when failed runs exceed
 *       {@code backoffLimit}, or ({@code DeadlineExceeded}) when it has run
 *       {@code activeDeadlineSeconds}; its running containers are deleted;</li>
 *   <li>completes it when {@code completions} containers succeeded (a work queue: when one did
 *       and none runs);</li>
 *   <li>otherwise creates containers {@code NAME-1, NAME-2, ...} up to
 *       {@code min(parallelism, completions - succeeded)} running, never more than
 *       {@code parallelism} (extras are deleted, newest first), waiting after each failure an
 *       exponential back-off of {@value #INITIAL_BACKOFF_MILLIS} ms doubling per failed run, at
 *       most {@value #MAX_BACKOFF_SECONDS} s (Kubernetes: 10 s doubling to 6 min, scaled down for
 *       in-process workers);</li>
 *   <li>deletes a finished Job {@code ttlSecondsAfterFinished} after it finished.</li>
 * </ul>
 * Each container created or deleted and the Job's outcome are Events on the Job, as Kubernetes
 * records them: {@code SuccessfulCreate}, {@code SuccessfulDelete}, {@code Completed}, and the
 * Warnings {@code BackoffLimitExceeded} and {@code DeadlineExceeded}.
 * Time comes from the context's clock; the reconcile asks to be requeued for the next back-off,
 * deadline or expiry. Thread-safe and stateless.
 */
public final class JobReconciler implements Reconciler {

    static final long INITIAL_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_SECONDS = 10;

    /** Create the reconciler; the manager finds it through ServiceLoader. */
    public JobReconciler() {
    }

    @Override
    public Class<Job> resourceType() {
        return Job.class;
    }

    @Override
    public Set<Class<? extends Resource>> ownedTypes() {
        return Set.of(Container.class);
    }

    /** The wait before the next container after {@code failures} failed runs. */
    static Duration backoff(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long millis = INITIAL_BACKOFF_MILLIS << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF_SECONDS * 1000));
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        ResourceClient resources = context.resources();
        Job job = resources.get(Job.class, key).orElse(null);
        if (job == null || job.metadata().deleting()) {
            return Result.done();
        }
        Instant now = context.clock().instant();
        JobSpec spec = job.spec();
        JobStatus stored = job.status();
        String prefix = job.metadata().name() + "-";
        List<Container> active = new ArrayList<>();
        Map<String, JobRun> runs = new LinkedHashMap<>();
        stored.runs().forEach(r -> runs.put(r.container(), r));
        int succeeded = 0;
        int failed = 0;
        int lastIndex = stored.runs().stream().mapToInt(r -> ReplicaSetReconciler.indexOf(r.container(), prefix))
                .max().orElse(0);
        for (Container c : resources.list(Container.class, job.metadata().namespace()).items()) {
            if (!c.metadata().controller().map(ref -> ref.refersTo(job)).orElse(false)) {
                continue;
            }
            lastIndex = Math.max(lastIndex, ReplicaSetReconciler.indexOf(c.metadata().name(), prefix));
            failed += c.status().restartCount();
            ContainerPhase phase = c.status().phase();
            if (phase == ContainerPhase.SUCCEEDED || phase == ContainerPhase.FAILED) {
                boolean ok = phase == ContainerPhase.SUCCEEDED;
                succeeded += ok ? 1 : 0;
                failed += ok ? 0 : 1;
                JobRun known = runs.get(c.metadata().name());
                runs.put(c.metadata().name(), new JobRun(c.metadata().name(), ok, ok ? c.status().result() : "",
                        ok ? "" : errorOf(c), known != null ? known.finishedAt() : now));
            } else if (!c.metadata().deleting()) {
                // A container being deleted drains before it goes; as Kubernetes' terminating pods,
                // it is no longer active (its name stays taken: lastIndex counts it).
                active.add(c);
            }
        }
        active.sort(Comparator.comparingInt(c -> ReplicaSetReconciler.indexOf(c.metadata().name(), prefix)));
        Instant start = stored.startTime() != null ? stored.startTime() : now;
        List<Condition> conditions = new ArrayList<>(stored.conditions());
        Instant completion = stored.completionTime();
        Result next = Result.done();
        Condition finished = stored.finished().orElse(null);
        if (finished == null) {
            String failure = null;
            String message = null;
            if (failed > spec.backoffLimit()) {
                failure = JobStatus.BACKOFF_LIMIT_EXCEEDED;
                message = "Job has reached the specified backoff limit: " + failed + " failed runs, backoffLimit "
                        + spec.backoffLimit();
            } else if (spec.activeDeadlineSeconds() != null
                    && !now.isBefore(start.plus(spec.activeDeadlineSeconds()))) {
                failure = JobStatus.DEADLINE_EXCEEDED;
                message = "Job was active longer than specified deadline " + spec.activeDeadlineSeconds();
            }
            boolean complete = spec.workQueue() ? succeeded > 0 && active.isEmpty()
                    : succeeded >= spec.completions();
            if (failure != null) {
                for (Container c : active) {
                    delete(job, c, context);
                    runs.put(c.metadata().name(), new JobRun(c.metadata().name(), false, "",
                            "stopped: " + failure + (c.status().lastError().isEmpty() ? "" : "; " + errorOf(c)), now));
                    failed++;
                }
                active.clear();
                finished = new Condition(JobStatus.FAILED, true, failure, message, now, now);
                conditions.add(finished);
                context.log().info("Job {} failed: {}", key, message);
                context.events().warning(job, failure, message);
            } else if (complete) {
                completion = now;
                finished = new Condition(JobStatus.COMPLETE, true, JobStatus.COMPLETIONS_REACHED,
                        succeeded + " of " + (spec.workQueue() ? 1 : spec.completions()) + " completions succeeded",
                        now, now);
                conditions.add(finished);
                context.log().info("Job {} complete: {} succeeded, {} failed runs", key, succeeded, failed);
                context.events().normal(job, "Completed", "Job completed");
            } else {
                next = runContainers(job, active, succeeded, failed, lastIndex, runs, now, context);
                if (spec.activeDeadlineSeconds() != null) {
                    next = sooner(next, Duration.between(now, start.plus(spec.activeDeadlineSeconds())));
                }
            }
        }
        if (finished != null && spec.ttlSecondsAfterFinished() != null) {
            Instant expiry = finished.lastTransitionTime().plus(spec.ttlSecondsAfterFinished());
            if (!now.isBefore(expiry)) {
                context.log().info("Job {} finished {} ago; deleting it (ttlSecondsAfterFinished)", key,
                        Duration.between(finished.lastTransitionTime(), now));
                deleteJob(resources, job, context);
                return Result.done();
            }
            next = sooner(next, Duration.between(now, expiry));
        }
        List<JobRun> recent = runs.values().stream()
                .sorted(Comparator.comparingInt(r -> ReplicaSetReconciler.indexOf(r.container(), prefix)))
                .toList();
        recent = recent.subList(Math.max(0, recent.size() - JobStatus.MAX_RUNS), recent.size());
        JobStatus status = new JobStatus(active.size(), succeeded, failed, start, completion, conditions, recent,
                job.metadata().generation());
        if (!status.equals(stored)) {
            try {
                resources.updateStatus(job.withStatus(status));
            } catch (NotFoundException e) {
                context.log().debug("Job {} was deleted while it was reconciled", key);
                return Result.done();
            }
        }
        return next;
    }

    /**
     * Bring the running containers to what parallelism and completions ask for: delete extras,
     * create missing ones unless a back-off runs. {@code active} is updated.
     */
    private static Result runContainers(Job job, List<Container> active, int succeeded, int failed, int lastIndex,
                                        Map<String, JobRun> runs, Instant now, ReconcileContext context) {
        JobSpec spec = job.spec();
        // A work queue with a success starts nothing more but lets the others finish.
        int want = spec.workQueue() ? (succeeded > 0 ? Math.min(active.size(), spec.parallelism()) : spec.parallelism())
                : Math.min(spec.parallelism(), spec.completions() - succeeded);
        while (active.size() > want) {
            delete(job, active.removeLast(), context);
        }
        if (active.size() == want) {
            return Result.done();
        }
        Instant lastFailure = runs.values().stream().filter(r -> !r.succeeded()).map(JobRun::finishedAt)
                .max(Instant::compareTo).orElse(null);
        if (lastFailure != null) {
            Instant allowed = lastFailure.plus(backoff(failed));
            if (now.isBefore(allowed)) {
                return Result.requeueAfter(Duration.between(now, allowed));
            }
        }
        int index = lastIndex;
        int attempts = 0;
        while (active.size() < want && attempts++ < want + 10) {
            index++;
            try {
                Container made = context.resources().create(newContainer(job, index));
                active.add(made);
                context.events().normal(job, "SuccessfulCreate", "Created container: " + made.metadata().name());
            } catch (AlreadyExistsException e) {
                context.log().warn("Job {}: container {}-{} exists and is not the Job's; skipping that name",
                        job.key(), job.metadata().name(), index);
            }
        }
        return Result.done();
    }

    private static Container newContainer(Job job, int index) {
        ContainerTemplate t = job.spec().template();
        Map<String, String> labels = new LinkedHashMap<>(t.labels());
        labels.put(Job.JOB_NAME_LABEL, job.metadata().name());
        ObjectMeta meta = new ObjectMeta(job.metadata().name() + "-" + index, job.metadata().namespace(), labels,
                t.annotations(), null, 0, 0, null, List.of(OwnerReference.controlledBy(job)));
        return Container.of(meta, t.spec());
    }

    private static String errorOf(Container c) {
        return c.status().lastError().isEmpty() ? c.status().message() : c.status().lastError();
    }

    private static Result sooner(Result next, Duration delay) {
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        return next.requeueDelay().filter(n -> n.compareTo(d) <= 0).isPresent() ? next : Result.requeueAfter(d);
    }

    private static void delete(Job job, Container c, ReconcileContext context) {
        try {
            context.resources().delete(Container.class, c.metadata().namespace(), c.metadata().name());
            context.events().normal(job, "SuccessfulDelete", "Deleted container: " + c.metadata().name());
        } catch (NotFoundException e) {
            context.log().debug("container {} was gone already", c.key());
        }
    }

    private static void deleteJob(ResourceClient resources, Job job, ReconcileContext context) {
        try {
            resources.delete(Job.class, job.metadata().namespace(), job.metadata().name());
        } catch (NotFoundException e) {
            context.log().debug("Job {} was gone already", job.key());
        }
    }
}
