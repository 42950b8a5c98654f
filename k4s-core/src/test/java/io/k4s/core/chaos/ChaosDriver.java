package io.k4s.core.chaos;

import io.k4s.api.Address;
import io.k4s.api.K4sException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Service;
import io.k4s.core.K4sCluster;
import io.k4s.core.chaos.ChaosWorker.Fault;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Break a running service on purpose, driven by a seeded {@link Random}: faults in handlers,
 * crashes, exits, failing starts, deleted containers, scaling between 1 and 12, and a deleted
 * and re-created Service.
 *
 * <p>Runs on the thread that calls {@link #run(Duration)}.
 */
final class ChaosDriver {

    static final String NAME = "chaos";
    static final int MAX_REPLICAS = 12;

    private final K4sCluster cluster;
    private final ChaosBoard board;
    private final Random random;
    private final String serviceYaml;
    /** What the driver did, by action. */
    final Tally actions = new Tally();
    /** How the fault requests completed. */
    final Tally faultReplies = new Tally();
    final Map<String, String> violations = new ConcurrentHashMap<>();
    final LongAdder faultsPending = new LongAdder();
    private boolean serviceDeleted;
    /** When the current outage (failing starts, deleted service) ends, in System.nanoTime(). */
    private long failStartsUntil;
    private long serviceBackAt;

    ChaosDriver(K4sCluster cluster, ChaosBoard board, long seed, String serviceYaml) {
        this.cluster = cluster;
        this.board = board;
        this.random = new Random(seed);
        this.serviceYaml = serviceYaml;
    }

    /** Do random damage every 10 to 100 ms until {@code duration} has passed. */
    void run(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            endOutages();
            act(random.nextInt(100));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10 + random.nextInt(90)));
        }
    }

    private void act(int dice) {
        if (dice < 20) {
            fault(Fault.THROW);
        } else if (dice < 35) {
            fault(Fault.CRASH);
        } else if (dice < 45) {
            fault(Fault.EXIT);
        } else if (dice < 55) {
            board.throwing = !board.throwing;
            actions.add(board.throwing ? "handlers throw: on" : "handlers throw: off");
        } else if (dice < 62) {
            if (!board.failStarts) {
                board.failStarts = true;
                failStartsUntil = System.nanoTime() + outage();
                actions.add("starts fail for a while");
            }
        } else if (dice < 80) {
            deleteContainer();
        } else if (dice < 94) {
            int replicas = 1 + random.nextInt(MAX_REPLICAS);
            cluster.scale(NAME, replicas);
            actions.add("scale");
        } else {
            toggleService();
        }
    }

    private void fault(Fault fault) {
        Address target = Address.container(NAME + "-" + random.nextInt(MAX_REPLICAS));
        actions.add("fault " + fault);
        faultsPending.increment();
        cluster.messenger().request(target, fault, Duration.ofSeconds(2)).whenComplete((value, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause == null) {
                faultReplies.add("ok");
            } else if (cause instanceof K4sException) {
                faultReplies.add(cause.getClass().getSimpleName());
            } else {
                faultReplies.add("untyped " + cause.getClass().getSimpleName());
                violations.putIfAbsent("a fault request failed with an untyped exception", cause.toString());
            }
            faultsPending.decrement();
        });
    }

    private void deleteContainer() {
        int replicas = cluster.resources().get(ReplicaSet.class, "default", NAME)
                .map(rs -> rs.spec().replicas()).orElse(1);
        try {
            cluster.delete(Container.class, NAME + "-" + random.nextInt(replicas));
            actions.add("delete container");
        } catch (NotFoundException e) {
            actions.add("delete container: already gone");
        }
    }

    private void toggleService() {
        if (!serviceDeleted) {
            cluster.delete(Service.class, NAME);
            actions.add("delete and later re-create service");
            serviceDeleted = true;
            serviceBackAt = System.nanoTime() + outage();
        }
    }

    /** 100 to 500 ms: how long starts fail or the service stays deleted. */
    private long outage() {
        return TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(400));
    }

    private void endOutages() {
        long now = System.nanoTime();
        if (board.failStarts && now - failStartsUntil >= 0) {
            board.failStarts = false;
        }
        if (serviceDeleted && now - serviceBackAt >= 0) {
            cluster.apply(serviceYaml);
            serviceDeleted = false;
        }
    }

    /** After the chaos: the Service exists again and the ReplicaSet asks for {@code replicas}. */
    void restore(int replicas) {
        board.calm();
        if (serviceDeleted) {
            cluster.apply(serviceYaml);
            serviceDeleted = false;
        }
        cluster.scale(NAME, replicas);
    }
}
