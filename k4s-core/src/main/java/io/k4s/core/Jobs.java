package io.k4s.core;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobFailedException;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceNames;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Start Jobs by hand and wait for them: {@code create job NAME --from=cronjob/NAME}, and waiting
 * for a Job to complete. Reach it with {@link K4sCluster#jobs()}.
 *
 * <pre>{@code
 * cluster.jobs().createFromCronJob("default", "nightly", "nightly-now");
 * Job done = cluster.jobs().await("default", "nightly-now", Duration.ofMinutes(1));
 * done.status().runs().forEach(run -> System.out.println(run.container() + ": " + run.result()));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Jobs {

    private final K4sCluster cluster;
    private final ResourceClient resources;

    Jobs(K4sCluster cluster, ResourceClient resources) {
        this.cluster = cluster;
        this.resources = resources;
    }

    /**
     * Create Job {@code jobName} from the template of CronJob {@code cronJob}, now, whatever its
     * schedule and even if it is suspended, as {@code kubectl create job --from=cronjob/NAME}
     * does: the Job is owned by the CronJob (so its concurrency policy and history limits count
     * it) and carries the {@value CronJob#INSTANTIATE_ANNOTATION}{@code : manual} annotation.
     *
     * @return the Job as stored
     * @throws IllegalArgumentException if {@code jobName} is not a valid name
     * @throws NotFoundException        if the CronJob does not exist
     * @throws io.k4s.api.resource.AlreadyExistsException if a Job of that name exists
     */
    public Job createFromCronJob(String namespace, String cronJob, String jobName) {
        String problem = ResourceNames.nameProblem(jobName);
        if (problem != null) {
            throw new IllegalArgumentException("job name: " + problem);
        }
        CronJob cj = resources.get(CronJob.class, namespace, cronJob)
                .orElseThrow(() -> new NotFoundException(CronJob.KIND, ResourceKey.of(namespace, cronJob)));
        return resources.create(cj.newJob(jobName, Map.of(CronJob.INSTANTIATE_ANNOTATION, "manual")));
    }

    /**
     * Wait until a Job has finished and return it if it completed. Waiting re-checks at every
     * change of the store.
     *
     * @return the Job, with its {@value JobStatus#COMPLETE} condition and every run's result
     * @throws JobFailedException    if it failed (backoff limit or deadline); the exception carries the Job
     * @throws NotFoundException     if the Job does not exist or is deleted meanwhile
     * @throws io.k4s.api.K4sException if it has not finished within {@code timeout}, naming the Job
     */
    public Job await(String namespace, String name, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ResourceKey key = ResourceKey.of(namespace, name);
        Job[] last = {null};
        cluster.await(timeout, "Job \"" + key + "\" to finish", () -> {
            last[0] = resources.get(Job.class, key).orElseThrow(() -> new NotFoundException(Job.KIND, key));
            return last[0].status().finished().isPresent();
        });
        Condition finished = last[0].status().finished().orElseThrow();
        if (finished.type().equals(JobStatus.FAILED)) {
            throw new JobFailedException(last[0]);
        }
        return last[0];
    }
}
