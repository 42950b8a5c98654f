package io.k4s.api;

import io.k4s.api.resource.ResourceClient;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Give a worker what it may use: its identity, its parameters, messaging, the resource API, a
 * logger and timers.
 *
 * <p>A context belongs to one container. Its methods may be called from the container's own
 * thread; {@link #messenger()} and {@link #resources()} are also safe from any other thread
 * the worker starts.
 */
public interface WorkerContext {

    /** The container's name, for example {@code calc-0}. */
    String containerName();

    /** The container's namespace. */
    String namespace();

    /** The container's labels. */
    Map<String, String> labels();

    /** The parameters from {@code spec.params}, with typed getters and clear errors. */
    Params params();

    /** This container's own address, for replies and for telling others where to send. */
    Address self();

    /**
     * Send and request from this container; messages carry this container as their sender, and
     * addresses without a namespace resolve in this container's namespace.
     */
    Messenger messenger();

    /** Read and write resources, as a controller would. */
    ResourceClient resources();

    /** A logger named after the container ({@code k4s.container.NAMESPACE.NAME}). */
    Logger log();

    /**
     * Deliver {@code tick} to this container's own mailbox every {@code period}, starting one
     * period from now; the tick arrives as a message whose {@link Message#timer()} is true.
     * Timers are cancelled when the container stops. A tick that comes due while this timer's
     * previous tick still waits in the mailbox is dropped (coalesced), so a slow worker sees
     * at most one waiting tick per timer.
     *
     * @throws IllegalArgumentException if the period is shorter than {@link Timer#MIN_PERIOD}
     * @throws IllegalStateException    if the container has {@link Timer#MAX_PER_CONTAINER}
     *                                  timers already
     */
    Timer every(Duration period, Object tick);

    /**
     * Deliver {@code tick} once to this container's own mailbox after {@code delay}.
     *
     * @throws IllegalArgumentException if the delay is negative
     * @throws IllegalStateException    if the container has {@link Timer#MAX_PER_CONTAINER}
     *                                  timers already (one-shot timers count until they fire)
     */
    Timer after(Duration delay, Object tick);

    /**
     * End this container after the current message, as a successful completion: the mailbox
     * drains, {@link Worker#stop} runs, and the restart policy decides what follows
     * ({@code Always} starts it again; {@code OnFailure} and {@code Never} leave it Succeeded).
     * The same as {@code exit(null)}.
     */
    void exit();

    /**
     * End this container's run as a success with {@code result}: the run-to-completion contract
     * of a Job.
     *
     * <p>The run ends as {@link #exit()} ends it; {@code String.valueOf(result)} (cut to
     * {@value io.k4s.api.resource.ContainerStatus#MAX_RESULT_LENGTH} characters) becomes the
     * container's {@code status.result}, and a Job's controller copies it into the Job's status.
     * A {@code null} result records none. Calls after the first are ignored. Any thread.
     *
     * <p><b>Why a worker that exits, not a separate {@code Task} interface.</b> A Job runs the
     * same {@link Worker}s as everything else: found by the same registry, named by the same
     * {@code worker:} field, given the same params, restart policy and grace period, and run by
     * the same runtime path (start, mailbox, stop). Such a worker still accepts messages while it
     * runs, so a work-queue Job can be fed items, asked for progress or told to stop early; a
     * {@code Task} with one {@code run} call could do none of that without a second contract,
     * registry and runtime path. And the result travels the way all container state does
     * (runtime state, container status, Job status), so nothing new carries it. A one-shot task
     * does its work in {@link Worker#start} (or on a timer tick) and calls this:
     *
     * <pre>{@code
     * public final class CountWords implements Worker {
     *     public void start(WorkerContext context) throws IOException {
     *         context.exit(Files.readString(Path.of(context.params().string("file"))).split("\\s+").length);
     *     }
     *     public Object handle(Message message, WorkerContext context) {
     *         return "counting";
     *     }
     * }
     * }</pre>
     *
     * <p>k4s's runtime implements it; a context that cannot end a run (a test double, a
     * benchmark host) throws {@link UnsupportedOperationException}.
     */
    default void exit(Object result) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot end a run with a result;"
                + " run the worker in a k4s container");
    }

    /**
     * End this container's run as a failure: after the current message the run ends as a
     * crash with {@code error} would (the mailbox drains within the grace period, messages
     * left fail, {@link Worker#stop} runs), {@code error} becomes the container's
     * {@code lastError}, and the restart policy decides what follows ({@code Never}: Failed;
     * {@code OnFailure} and {@code Always}: restarted with backoff). A Job counts the failure
     * against its {@code backoffLimit}. Calls after the first, or after {@link #exit()}, are
     * ignored. Any thread.
     *
     * <p>k4s's runtime implements it; a context that cannot end a run throws
     * {@link UnsupportedOperationException}.
     */
    default void fail(Throwable error) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot end a run as failed;"
                + " run the worker in a k4s container");
    }
}
