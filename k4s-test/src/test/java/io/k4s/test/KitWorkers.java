package io.k4s.test;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.time.Duration;

/** The workers the test kit's own tests run, registered in META-INF/services. */
final class KitWorkers {

    private KitWorkers() {}

    /** Replies "Hello, NAME!" and logs "greeted NAME"; a blank name fails the message. */
    @WorkerType("kit-greeter")
    public static final class Greeter implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) {
            String name = String.valueOf(message.payload()).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("send a name to greet");
            }
            context.log().info("greeted {}", name);
            return "Hello, " + name + "!";
        }
    }

    /**
     * Counts the ticks of a timer every minute and of one after an hour; any request returns
     * "MINUTES/HOURS".
     */
    @WorkerType("kit-ticker")
    public static final class Ticker implements Worker {
        private enum Tick { MINUTE, HOUR }

        private int minutes;
        private int hours;

        @Override
        public void start(WorkerContext context) {
            context.every(Duration.ofMinutes(1), Tick.MINUTE);
            context.after(Duration.ofHours(1), Tick.HOUR);
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            if (message.payload() == Tick.MINUTE) {
                minutes++;
                context.log().info("minute {}", minutes);
            } else if (message.payload() == Tick.HOUR) {
                hours++;
                context.log().info("hour {}", hours);
            }
            return minutes + "/" + hours;
        }
    }

    /** Ends its run at once, successfully: a Job's worker. */
    @WorkerType("kit-once")
    public static final class Once implements Worker {
        @Override
        public void start(WorkerContext context) {
            context.exit("done");
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            return null;
        }
    }

    /** Fails every start: its container crash-loops, with a BackOff event each time. */
    @WorkerType("kit-crasher")
    public static final class Crasher implements Worker {
        @Override
        public void start(WorkerContext context) {
            throw new IllegalStateException("crashes on purpose");
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            return null;
        }
    }
}
