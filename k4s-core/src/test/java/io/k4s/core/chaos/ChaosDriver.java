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
import java.util.List;
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
 * and re-created Service. Given several nodes of one cluster, each action goes through one of
 * them, picked by the same {@link Random}.
 *
 * <p>Runs on the thread that calls {@link #run(Duration)}.
 */
public final class ChaosDriver {

    public static final String NAME = "chaos";
    public static final int MAX_REPLICAS = 12;

    /** The RoundRobin Service in front of the chaos replicas, as the runs apply it (and re-create it). */
    public static final String SERVICE = """
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: chaos}
            spec: {selector: "chaos-*", loadBalancing: RoundRobin}
            """;

    /** The ReplicaSet of {@code replicas} chaos workers that report to {@code board}. */
    public static String replicaSet(String board, int replicas) {
        return """
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: chaos}
                spec:
                  replicas: %d
                  template:
                    metadata: {labels: {app: chaos}}
                    spec:
                      worker: chaos
                      params: {board: %s}
                      terminationGracePeriod: 500ms
                """.formatted(replicas, board);
    }

    private final List<K4sCluster> nodes;
    private final ChaosBoard board;
    private final Random random;
    private final String serviceYaml;
    /** What the driver did, by action. */
    public final Tally actions = new Tally();
    /** How the fault requests completed. */
    public final Tally faultReplies = new Tally();
    public final Map<String, String> violations = new ConcurrentHashMap<>();
    public final LongAdder faultsPending = new LongAdder();
    private boolean serviceDeleted;
    /** When the current outage (failing starts, deleted service) ends, in System.nanoTime(). */
    private long failStartsUntil;
    private long serviceBackAt;

    ChaosDriver(K4sCluster cluster, ChaosBoard board, long seed, String serviceYaml) {
        this(List.of(cluster), board, seed, serviceYaml);
    }

    /** Drive the chaos through {@code nodes}, nodes of one cluster sharing a store. */
    public ChaosDriver(List<K4sCluster> nodes, ChaosBoard board, long seed, String serviceYaml) {
        this.nodes = List.copyOf(nodes);
        this.board = board;
        this.random = new Random(seed);
        this.serviceYaml = serviceYaml;
    }

    /** Do random damage every 10 to 100 ms until {@code duration} has passed. */
    public void run(Duration duration) {
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
            via().scale(NAME, replicas);
            actions.add("scale");
        } else {
            toggleService();
        }
    }

    /** The node the next action goes through: the only one, or one picked at random. */
    private K4sCluster via() {
        return nodes.size() == 1 ? nodes.getFirst() : nodes.get(random.nextInt(nodes.size()));
    }

    private void fault(Fault fault) {
        Address target = Address.container(NAME + "-" + random.nextInt(MAX_REPLICAS));
        actions.add("fault " + fault);
        faultsPending.increment();
        via().messenger().request(target, fault, Duration.ofSeconds(2)).whenComplete((value, error) -> {
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
        K4sCluster via = via();
        int replicas = via.resources().get(ReplicaSet.class, "default", NAME)
                .map(rs -> rs.spec().replicas()).orElse(1);
        try {
            via.delete(Container.class, NAME + "-" + random.nextInt(replicas));
            actions.add("delete container");
        } catch (NotFoundException e) {
            actions.add("delete container: already gone");
        }
    }

    private void toggleService() {
        if (!serviceDeleted) {
            via().delete(Service.class, NAME);
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
            via().apply(serviceYaml);
            serviceDeleted = false;
        }
    }

    /** After the chaos: the Service exists again and the ReplicaSet asks for {@code replicas}. */
    public void restore(int replicas) {
        board.calm();
        K4sCluster via = nodes.getFirst();
        if (serviceDeleted) {
            via.apply(serviceYaml);
            serviceDeleted = false;
        }
        via.scale(NAME, replicas);
    }
}
