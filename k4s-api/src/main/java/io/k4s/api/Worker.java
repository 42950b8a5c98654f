package io.k4s.api;

/**
 * Handle messages sent to a container: the one interface a k4s worker implements.
 *
 * <p>k4s discovers workers with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.k4s.api.Worker}. Each container gets a new instance (the class
 * needs a public no-argument constructor). A manifest names the worker by its type name (see
 * {@link WorkerType}) or by its fully qualified class name.
 *
 * <p>Threading: {@link #start}, {@link #handle}, timer ticks and {@link #stop} all run on the
 * container's own virtual thread, one at a time, so worker code needs no locks for its own
 * state. The exceptions are {@link #readiness} and {@link #liveness}: probes run on a virtual
 * thread of their own, concurrently with {@code handle}, so that a long mailbox queue or a busy
 * handler never delays them; they must be thread-safe (read volatile or atomic state).
 */
public interface Worker {

    /**
     * Handle one message and return the reply.
     *
     * <p>The returned value completes the caller's request future; for fire-and-forget messages
     * it is discarded. Return a {@link java.util.concurrent.CompletionStage} to reply later (for
     * example after asking another service). A thrown exception fails this request with a
     * {@link WorkerFailedException}; the container keeps running.
     *
     * @param message the message, with its payload, headers and sender
     * @param context this container's context
     * @return the reply, possibly {@code null} or a {@code CompletionStage}
     * @throws Exception to fail this one message
     */
    Object handle(Message message, WorkerContext context) throws Exception;

    /**
     * Prepare the worker before its first message; the container is ready when this returns.
     *
     * <p>A thrown exception crashes the container, which is then restarted per its
     * {@code restartPolicy} with exponential backoff.
     *
     * @param context this container's context
     * @throws Exception to crash the container
     */
    default void start(WorkerContext context) throws Exception {}

    /**
     * Release what the worker holds; called once, on the container's thread, after the mailbox
     * was drained, the grace period ended, or a handler crashed the container (threw an
     * {@link Error}), so resources opened in {@link #start} are released on every cycle of a
     * crash loop. Not called when {@link #start} itself threw: release what it opened before
     * throwing.
     *
     * @param context this container's context
     * @throws Exception logged and counted; the container stops anyway
     */
    default void stop(WorkerContext context) throws Exception {}

    /**
     * Say whether this worker should receive messages from Services now: the readiness probe,
     * called every {@code readinessProbe.periodSeconds} when the container's spec has a
     * {@code readinessProbe}. While it is down (for {@code failureThreshold} probes in a row),
     * the container leaves every Service's endpoints; it still takes messages sent to its own
     * address, as a pod by its IP.
     *
     * <p>Called on the probe's own virtual thread, concurrently with {@link #handle}: must be
     * thread-safe and quick. A throw counts as down, with the exception as the reason; an
     * answer later than {@code timeoutSeconds} counts as down too.
     *
     * @param context this container's context
     * @return {@link Health#up()} by default
     */
    default Health readiness(WorkerContext context) {
        return Health.up();
    }

    /**
     * Say whether this worker is alive: the liveness (and, with a {@code startupProbe}, the
     * startup) probe, called every {@code periodSeconds} of the probe. Down for
     * {@code failureThreshold} probes in a row ends the run as a failure: the container is
     * restarted per its {@code restartPolicy}, with back-off.
     *
     * <p>Called on the probe's own virtual thread, concurrently with {@link #handle}: must be
     * thread-safe and quick. A throw counts as down, with the exception as the reason; an
     * answer later than {@code timeoutSeconds} counts as down too.
     *
     * @param context this container's context
     * @return {@link Health#up()} by default
     */
    default Health liveness(WorkerContext context) {
        return Health.up();
    }
}
