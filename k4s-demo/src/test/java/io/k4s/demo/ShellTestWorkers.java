package io.k4s.demo;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Workers the shell tests need and the examples do not have. */
final class ShellTestWorkers {

    private ShellTestWorkers() {}

    /** Reply with no value (null) to every request. */
    @WorkerType(value = "nothing", description = "Test: reply null.")
    public static final class NothingWorker implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) {
            return null;
        }
    }

    /** End the run at once with the result "done": what a Job's container does. */
    @WorkerType(value = "done", description = "Test: exit at start.")
    public static final class DoneWorker implements Worker {
        @Override
        public void start(WorkerContext context) {
            context.exit("done");
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            return null;
        }
    }

    /** Never reply: every request stays pending until it is cancelled or times out. */
    @WorkerType(value = "never", description = "Test: never reply.")
    public static final class NeverWorker implements Worker {
        /** How many messages every NeverWorker of this JVM received. */
        static final AtomicInteger RECEIVED = new AtomicInteger();

        @Override
        public Object handle(Message message, WorkerContext context) {
            RECEIVED.incrementAndGet();
            return new CompletableFuture<>();
        }
    }

    /** Log "hello" at start and "got PAYLOAD" for each message; {@code "crash"} crashes the run (an Error). */
    @WorkerType(value = "chatty", description = "Test: log what it gets.")
    public static final class ChattyWorker implements Worker {
        @Override
        public void start(WorkerContext context) {
            context.log().info("hello from {}", context.containerName());
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            context.log().info("got {}", message.payload());
            if ("crash".equals(message.payload())) {
                throw new AssertionError("crash requested");
            }
            return "ok";
        }
    }

    /** Read the integer param {@code port} at start: a value that is not one fails the run with the param's error. */
    @WorkerType(value = "port", description = "Test: read the integer param port at start.")
    public static final class PortWorker implements Worker {
        @Override
        public void start(WorkerContext context) {
            context.log().info("listening on port {}", context.params().integer("port"));
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            return null;
        }
    }
}
