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
}
