package io.k4s.core.runtime;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.Params;
import io.k4s.api.Timer;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.resource.InitWorker;
import io.k4s.api.resource.ResourceClient;
import io.k4s.core.registry.WorkerLease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Run a container's init workers to completion, one after the other, on the run's thread,
 * before its main worker starts: each gets a fresh instance and a context of its own; its
 * {@code start} returning (or calling {@code exit()}) is a success, a throw or {@code fail(error)}
 * a failure, which ends the run as a crash (the restart policy decides what follows). Its
 * {@code stop} runs after a success. Init workers that succeeded are not run again when the main
 * worker restarts, as Kubernetes keeps completed init containers; after a failure the next try
 * starts at the one that failed. Their worker types come from the container's image when it names
 * one, as the main worker's does.
 *
 * <p>Run's thread only, except the progress it publishes through the container.
 */
final class InitRunner {

    private final LiveContainer container;

    InitRunner(LiveContainer container) {
        this.container = container;
    }

    /**
     * Run every init worker that has not succeeded yet.
     *
     * @throws Exception what the failing one threw or failed with
     */
    void runRemaining() throws Exception {
        List<InitWorker> inits = container.spec.initWorkers();
        for (int i = container.health.initDone(); i < inits.size(); i++) {
            InitWorker init = inits.get(i);
            container.health.initStep(i);
            container.logs.lifecycle("INFO", "init worker " + init.name() + " (" + init.worker() + ") starting");
            runOne(init);
            container.logs.lifecycle("INFO", "init worker " + init.name() + " completed");
            container.health.initStep(i + 1);
        }
    }

    /** Run {@code init}, a worker type of the container's image if it names one, which stays leased meanwhile. */
    private void runOne(InitWorker init) throws Exception {
        WorkerLease lease = container.runtime.lease(container.spec, init.worker(), container.key);
        try {
            runOne(init, lease.newWorker());
        } finally {
            lease.release();
        }
    }

    private void runOne(InitWorker init, Worker worker) throws Exception {
        InitContext context = new InitContext(container, init);
        try {
            worker.start(context);
        } catch (Exception e) {
            throw new InitFailedException(init, e);
        }
        if (context.failure != null) {
            throw new InitFailedException(init, context.failure);
        }
        try {
            worker.stop(context);
        } catch (Exception e) {
            container.log().warn("init worker {}: stop failed: {}", init.name(), e.toString());
        }
    }

    /** An init worker failed; its message names it. */
    static final class InitFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        InitFailedException(InitWorker init, Throwable cause) {
            super("init worker " + init.name() + " (" + init.worker() + ") failed: " + cause, cause);
        }
    }

    /** What an init worker sees: the container's identity and messaging, its own params; no timers. */
    private static final class InitContext implements WorkerContext {
        private final LiveContainer container;
        private final Params params;
        private volatile Throwable failure;

        InitContext(LiveContainer container, InitWorker init) {
            this.container = container;
            this.params = Params.of(init.params());
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
            return params;
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
            throw new IllegalStateException("an init worker has no timers: it runs to completion in its start");
        }

        @Override
        public Timer after(Duration delay, Object tick) {
            throw new IllegalStateException("an init worker has no timers: it runs to completion in its start");
        }

        @Override
        public void exit() {
            // Returning from start completes an init worker; exit() says the same.
        }

        @Override
        public void exit(Object result) {
            // An init worker's result is not kept: only the main worker's run has one.
        }

        @Override
        public void fail(Throwable error) {
            if (failure == null) {
                failure = Objects.requireNonNull(error, "error");
            }
        }
    }
}
