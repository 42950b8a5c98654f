package io.k4s.server;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Workers that only the server's tests run: slow ones, blocked ones, and one that replies with a record. */
final class TestWorkers {

    private TestWorkers() {}

    /** Opened when a test is done with blocked workers, so that they end. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    /** Replies after the number of milliseconds its payload names. */
    @WorkerType(value = "sleeper", description = "Sleeps for the payload's milliseconds, then replies \"slept\".")
    public static final class Sleeper implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) throws InterruptedException {
            Thread.sleep(((Number) message.payload()).longValue());
            return "slept";
        }
    }

    /** Holds every message until {@link #release} opens (at most a minute). */
    @WorkerType(value = "blocker", description = "Holds each message until the test releases it.")
    public static final class Blocker implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) throws InterruptedException {
            release.await(1, TimeUnit.MINUTES);
            return "released";
        }
    }

    /** A reply that is a record, with a time in it. */
    public record Reading(String sensor, Instant at, List<Integer> values, Map<String, Object> echo) {}

    /** Replies with a {@link Reading} of its payload. */
    @WorkerType(value = "reader", description = "Replies with a record holding the payload.")
    public static final class ReadingWorker implements Worker {
        @SuppressWarnings("unchecked")
        @Override
        public Object handle(Message message, WorkerContext context) {
            return new Reading("s1", Instant.parse("2026-01-02T03:04:05Z"), List.of(1, 2, 3),
                    message.payload() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("value",
                            String.valueOf(message.payload())));
        }
    }

    /** Logs "got PAYLOAD" for each message and replies "logged". */
    @WorkerType(value = "logger", description = "Logs each payload.")
    public static final class LoggingWorker implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) {
            context.log().info("got {}", message.payload());
            return "logged";
        }
    }
}
