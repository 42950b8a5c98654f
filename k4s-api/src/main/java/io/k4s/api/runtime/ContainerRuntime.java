package io.k4s.api.runtime;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Run containers as workers on virtual threads (or platform threads, per
 * {@code spec.executor}): the CRI of k4s.
 *
 * <p>The runtime owns restarts: a crashed container is restarted per its
 * {@code restartPolicy} with exponential backoff, without a controller asking. Thread-safe.
 */
public interface ContainerRuntime {

    /**
     * Make {@code container} run; idempotent.
     *
     * <p>If a container with this key runs the same uid and generation, nothing happens. If it
     * runs another uid or generation (the spec changed), the old one is stopped gracefully and
     * the new one started.
     *
     * @return the state right after the call
     * @throws io.k4s.api.UnknownWorkerTypeException if the worker type is not registered
     */
    ContainerState start(Container container);

    /**
     * Make {@code container} run as {@link #start(Container)} does, and before each restart
     * after a crash take its params from {@code params} instead of those of {@code container}
     * (which are the ones resolved for this start). A runtime that does not re-resolve (the
     * default) starts it as {@link #start(Container)} does.
     *
     * @return the state right after the call
     * @throws io.k4s.api.UnknownWorkerTypeException if the worker type is not registered
     */
    default ContainerState start(Container container, ParamsResolver params) {
        return start(container);
    }

    /**
     * Stop a container gracefully: it leaves endpoints at once, drains its mailbox for up to
     * {@code gracePeriod}, its worker's {@code stop} runs, and its thread ends. Messages still
     * queued then complete with {@link io.k4s.api.ContainerTerminatedException} or become dead
     * letters. Idempotent; an unknown key completes at once.
     *
     * @return completes when the container has ended for good: its worker's {@code stop} has
     *         run (unless the run crashed in {@code start}), the messages still queued have
     *         been failed or dead-lettered, and it is no longer in the runtime's list. Its
     *         thread may still be finishing its last instructions then; at once for an unknown
     *         key or a container waiting to restart
     */
    CompletableFuture<Void> stop(ResourceKey key, Duration gracePeriod);

    /** The state of a container this runtime knows, running or ended but not yet removed. */
    Optional<ContainerState> state(ResourceKey key);

    /** The states of every container this runtime knows. */
    List<ContainerState> list();

    /**
     * The message metrics of a container this runtime runs: counts, busy time, a handle-time
     * histogram. Cheap, and read without locks while the container handles messages, so an
     * autoscaler or a metrics endpoint may call it often. Runtimes that keep no metrics return
     * empty (the default).
     */
    default Optional<ContainerMetrics> metrics(ResourceKey key) {
        return Optional.empty();
    }

    /** The metrics of every container this runtime runs (see {@link #metrics(ResourceKey)}); empty by default. */
    default List<ContainerMetrics> metrics() {
        return List.of();
    }

    /**
     * Call {@code listener} on every state change ({@link RuntimeEvent.Type}); it runs on the
     * changing container's thread (or the thread that changed it) and must return quickly.
     * Whatever it throws is logged and skipped.
     *
     * @return call {@link AutoCloseable#close()} on it to stop listening
     */
    AutoCloseable subscribe(RuntimeListener listener);

    /**
     * The log lines of a container this runtime knows: what its worker wrote through
     * {@link io.k4s.api.WorkerContext#log()} and the runtime's lifecycle lines, oldest first, from
     * a bounded ring buffer per run. Empty when the runtime keeps no logs (the default) or does
     * not know the container.
     *
     * @param previous the run before the current one (after a restart), as
     *                 {@code kubectl logs --previous}
     */
    default Optional<List<LogLine>> logs(ResourceKey key, boolean previous) {
        return Optional.empty();
    }

    /**
     * Call {@code sink} with every line the current and later runs of {@code key} write from now
     * on, until the returned handle is closed or the container ends for good. The sink runs on
     * the writing thread and must return quickly (hand the line over, do not block).
     *
     * @return close it to stop following; empty when the runtime keeps no logs or does not know
     *         the container
     */
    default Optional<AutoCloseable> followLogs(ResourceKey key, Consumer<LogLine> sink) {
        return Optional.empty();
    }
}
