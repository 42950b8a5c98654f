package io.k4s.core;

import io.k4s.api.Health;
import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Workers for the probe and init tests; registered in the test services file. State is keyed by container name. */
final class LifecycleTestWorkers {

    private LifecycleTestWorkers() {}

    /** Readiness answers per container; absent means up. */
    static final Map<String, Health> READINESS = new ConcurrentHashMap<>();
    /** Liveness answers per container (also what a startup probe asks); absent means up. */
    static final Map<String, Health> LIVENESS = new ConcurrentHashMap<>();
    /**
     * Probe answers that are not a value, per container (both probes): {@code "throw:TEXT"} throws an
     * IllegalStateException(TEXT); {@code "late"} answers up only after being interrupted (by the
     * prober's timeout), so always later than the timeout.
     */
    static final Map<String, String> MISBEHAVING_PROBES = new ConcurrentHashMap<>();
    /** Calls of each probe method, per container and method ("NAME/readiness", "NAME/liveness"). */
    static final Map<String, AtomicInteger> PROBE_CALLS = new ConcurrentHashMap<>();
    /** Handlers that were interrupted, by container name. */
    static final List<String> INTERRUPTED = new CopyOnWriteArrayList<>();
    /** Gates that "wait" messages and init workers of kind gate wait on, by name. */
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    /** What init workers and main workers started, in order: "CONTAINER:NAME". */
    static final List<String> STARTS = new CopyOnWriteArrayList<>();

    static int calls(String container, String probe) {
        AtomicInteger n = PROBE_CALLS.get(container + "/" + probe);
        return n == null ? 0 : n.get();
    }

    private static void count(String call) {
        PROBE_CALLS.computeIfAbsent(call, k -> new AtomicInteger()).incrementAndGet();
    }

    static CountDownLatch gate(String name) {
        return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    /**
     * Probed as {@link #READINESS} and {@link #LIVENESS} say; handles {@code "block"} (waits until
     * interrupted, recorded in {@link #INTERRUPTED}), {@code "wait:GATE"} (waits for the gate),
     * {@code "log:TEXT"} (logs TEXT at INFO), {@code "crash"} (throws an Error: the run crashes);
     * anything else is answered with the container name.
     */
    @WorkerType(value = "probed", description = "answers probes as the test says")
    public static final class ProbedWorker implements Worker {
        @Override
        public void start(WorkerContext context) {
            STARTS.add(context.containerName() + ":main");
            context.log().info("started with {}", context.params().asMap());
        }

        @Override
        public Object handle(Message message, WorkerContext context) throws Exception {
            String text = String.valueOf(message.payload());
            if (text.equals("block")) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    INTERRUPTED.add(context.containerName());
                    throw e;
                }
            } else if (text.startsWith("wait:")) {
                gate(text.substring(5)).await();
            } else if (text.startsWith("log:")) {
                context.log().info(text.substring(4));
            } else if (text.equals("crash")) {
                throw new AssertionError("crash requested");
            }
            return context.containerName();
        }

        @Override
        public Health readiness(WorkerContext context) {
            count(context.containerName() + "/readiness");
            misbehave(context.containerName());
            return READINESS.getOrDefault(context.containerName(), Health.up());
        }

        @Override
        public Health liveness(WorkerContext context) {
            count(context.containerName() + "/liveness");
            misbehave(context.containerName());
            return LIVENESS.getOrDefault(context.containerName(), Health.up());
        }

        private static void misbehave(String container) {
            String how = MISBEHAVING_PROBES.getOrDefault(container, "");
            if (how.startsWith("throw:")) {
                throw new IllegalStateException(how.substring(6));
            }
            if (how.equals("late")) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    // The prober gave up waiting: answer now, too late.
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * An init worker: records its start, then waits for the gate named by param {@code gate}
     * (if any), and fails when param {@code fail} is true.
     */
    @WorkerType(value = "init-step", description = "an init worker for tests")
    public static final class InitStepWorker implements Worker {
        @Override
        public void start(WorkerContext context) throws InterruptedException {
            STARTS.add(context.containerName() + ":" + context.params().string("step"));
            String gate = context.params().string("gate", "");
            if (!gate.isEmpty()) {
                gate(gate).await();
            }
            if (context.params().bool("fail", false)) {
                throw new IllegalStateException("step " + context.params().string("step") + " cannot load its data");
            }
            context.exit();
        }

        @Override
        public Object handle(Message message, WorkerContext context) {
            return "init workers take no messages";
        }
    }
}
