package io.k4s.core;

import io.k4s.api.Message;
import io.k4s.api.Timer;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** Replies with the param the payload names, or {@code <absent>}: what a container was given. */
    @WorkerType(value = "param", description = "replies with the param the payload names; crashes on \"crash!\"")
    public static final class ParamWorker implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) {
            if ("crash!".equals(message.payload())) {
                throw new AssertionError("crash asked for"); // an Error crashes the run
            }
            return context.params().string(String.valueOf(message.payload()), "<absent>");
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

    /** How many handlers of {@link MisbehavingWorker} spin on a core right now. */
    static final AtomicInteger SPINNING = new AtomicInteger();

    /**
     * Misbehaves as the payload says: {@code "spin"} computes until interrupted,
     * {@code "interrupt"} returns with its interrupt flag set, {@code "block"} waits until
     * interrupted, {@code "exit-and-block"} calls {@code exit()} and then waits until
     * interrupted, {@code "flood"} asks for a 1 ns timer (refused) and then for 1 ms timers until
     * the cap refuses more (replies how many it got), {@code "exit-jvm"} ends the JVM with status
     * 3, {@code "throw"} throws; anything else is answered with the container name.
     */
    @WorkerType(value = "misbehaving", description = "misbehaves on request")
    public static final class MisbehavingWorker implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) throws Exception {
            switch (String.valueOf(message.payload())) {
                case "spin" -> {
                    SPINNING.incrementAndGet();
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.onSpinWait();
                        }
                        return "interrupted";
                    } finally {
                        SPINNING.decrementAndGet();
                    }
                }
                case "interrupt" -> {
                    Thread.currentThread().interrupt();
                    return "interrupted myself";
                }
                case "block" -> {
                    new CountDownLatch(1).await();
                    return "never";
                }
                case "exit-and-block" -> {
                    context.exit();
                    new CountDownLatch(1).await();
                    return "never";
                }
                case "flood" -> {
                    return flood(context);
                }
                case "throw" -> throw new IllegalStateException("thrown on request");
                case "exit-jvm" -> {
                    System.exit(3);
                    return "never";
                }
                default -> {
                    return message.timer() ? null : context.containerName();
                }
            }
        }

        private static Object flood(WorkerContext context) {
            try {
                context.every(Duration.ofNanos(1), "tick");
                return "a 1 ns timer was accepted";
            } catch (IllegalArgumentException refused) {
                int timers = 0;
                try {
                    while (timers <= Timer.MAX_PER_CONTAINER) {
                        context.every(Duration.ofMillis(1), "tick");
                        timers++;
                    }
                    return "no cap after " + timers + " timers";
                } catch (IllegalStateException capped) {
                    return timers;
                }
            }
        }
    }

    /** Prints {@code stopped NAME} to standard output when its worker stops: evidence of a graceful close. */
    @WorkerType(value = "stop-reporter", description = "says on standard output when it stops")
    public static final class StopReporterWorker implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) {
            return context.containerName();
        }

        @Override
        public void stop(WorkerContext context) {
            System.out.println("stopped " + context.containerName());
            System.out.flush();
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
