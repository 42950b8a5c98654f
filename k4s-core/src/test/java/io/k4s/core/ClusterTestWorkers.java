package io.k4s.core;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;

/** Workers the cluster tests run; registered in the test services file. */
final class ClusterTestWorkers {

    private ClusterTestWorkers() {}

    /** Replies with "NAME: payload", so tests see which replica answered. */
    @WorkerType(value = "whoami", description = "replies with the container name and the payload")
    public static final class WhoAmIWorker implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) {
            return context.containerName() + ": " + message.payload();
        }
    }

    /** Throws from start, every time: a crash loop. */
    @WorkerType(value = "crash-on-start", description = "always fails to start")
    public static final class CrashOnStartWorker implements Worker {
        @Override
        public void start(WorkerContext context) {
            throw new IllegalStateException("boom at start");
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            return message.payload();
        }
    }

    /**
     * Runs to completion in start: exits with "done by NAME: VALUE" (param {@code value}), or
     * fails the run when param {@code fail} is true.
     */
    @WorkerType(value = "task", description = "ends its run with a result, or fails it")
    public static final class TaskWorker implements Worker {
        @Override
        public void start(WorkerContext context) {
            if (context.params().bool("fail", false)) {
                context.fail(new IllegalStateException("task failed on purpose in " + context.containerName()));
            } else {
                context.exit("done by " + context.containerName() + ": " + context.params().string("value", ""));
            }
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            return "running";
        }
    }
}
