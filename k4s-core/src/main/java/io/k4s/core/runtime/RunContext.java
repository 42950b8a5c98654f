package io.k4s.core.runtime;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.Params;
import io.k4s.api.Timer;
import io.k4s.api.WorkerContext;
import io.k4s.api.resource.ResourceClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * What the worker of one run sees of its container: identity, params, messaging, resources, a
 * logger, timers (within the limits of {@link Timer}) and the end of its run
 * ({@link #exit()}, {@link #exit(Object)}, {@link #fail(Throwable)}).
 *
 * <p>May be called from the worker's thread and, for messaging, timers, {@code exit} and
 * {@code fail}, from any thread.
 */
final class RunContext implements WorkerContext {

    private final LiveContainer container;
    private final ContainerRun run;
    private final RunTimers timers;

    RunContext(LiveContainer container, ContainerRun run, RunTimers timers) {
        this.container = container;
        this.run = run;
        this.timers = timers;
    }

    @Override
    public String containerName() {
        return container.key.name();
    }

    @Override
    public String namespace() {
        return container.key.namespace();
    }

    @Override
    public Map<String, String> labels() {
        return container.resource.metadata().labels();
    }

    @Override
    public Params params() {
        return container.params;
    }

    @Override
    public Address self() {
        return container.address;
    }

    @Override
    public Messenger messenger() {
        return container.messenger();
    }

    @Override
    public ResourceClient resources() {
        return container.runtime.resources();
    }

    @Override
    public Logger log() {
        return container.log();
    }

    @Override
    public Timer every(Duration period, Object tick) {
        return timers.every(period, tick);
    }

    @Override
    public Timer after(Duration delay, Object tick) {
        return timers.after(delay, tick);
    }

    @Override
    public void exit() {
        container.beginExit(run, null, null);
    }

    @Override
    public void exit(Object result) {
        container.beginExit(run, result, null);
    }

    @Override
    public void fail(Throwable error) {
        container.beginExit(run, null, Objects.requireNonNull(error, "error"));
    }

    @Override
    public String toString() {
        return "WorkerContext[" + container.address + "]";
    }
}
