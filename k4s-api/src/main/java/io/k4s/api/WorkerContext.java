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
     */
    void exit();
}
