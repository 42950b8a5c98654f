package io.k4s.core.control;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.controllers.ReplicaSetReconciler;
import io.k4s.controllers.ServiceReconciler;
import io.k4s.core.Await;
import io.k4s.core.store.InMemoryResourceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measure how the controller manager with the shipped ReplicaSet and Service reconcilers copes
 * with big ReplicaSets over the real store; prints a table. Not a test: timings belong here.
 *
 * <p>Run from the repository root after {@code mvn -o -q -pl k4s-core -am test-compile}:
 * <pre>
 * R=~/.m2/repository
 * java -cp k4s-core/target/test-classes:k4s-core/target/classes:k4s-api/target/classes:\
 * k4s-controllers/target/classes:$R/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar:\
 * $R/org/slf4j/slf4j-simple/2.0.17/slf4j-simple-2.0.17.jar:k4s-core/src/test/resources \
 *     io.k4s.core.control.ControllerScaleHarness 10000 100000
 * </pre>
 * For each size: scale a ReplicaSet from 0 to N, mark every container ready the way the kubelet
 * would (one status write each), then scale to 0; report the wall time of each phase, how often
 * each reconciler ran, and how many store writes the controllers made.
 */
public final class ControllerScaleHarness {

    private ControllerScaleHarness() {
    }

    /** Count the reconciles of a delegate. */
    private static final class Counting implements Reconciler {
        private final Reconciler delegate;
        final AtomicLong reconciles = new AtomicLong();

        Counting(Reconciler delegate) {
            this.delegate = delegate;
        }

        @Override
        public Class<? extends Resource> resourceType() {
            return delegate.resourceType();
        }

        @Override
        public Set<Class<? extends Resource>> ownedTypes() {
            return delegate.ownedTypes();
        }

        @Override
        public List<Trigger> triggers() {
            return delegate.triggers();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int concurrency() {
            return delegate.concurrency();
        }

        @Override
        public Result reconcile(ResourceKey key, ReconcileContext context) throws Exception {
            reconciles.incrementAndGet();
            return delegate.reconcile(key, context);
        }
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("%9s %12s %12s %14s %10s %12s %14s%n", "replicas", "scale-up ms", "ready ms",
                "scale-down ms", "RS runs", "Svc runs", "store writes");
        for (int n : sizes) {
            run(n);
        }
    }

    private static void run(int n) {
        Duration limit = Duration.ofMinutes(5);
        Counting rsReconciler = new Counting(new ReplicaSetReconciler());
        Counting svcReconciler = new Counting(new ServiceReconciler());
        try (InMemoryResourceStore store = new InMemoryResourceStore(Clock.systemUTC(), 4 * n + 10_000, 4 * n + 10_000);
             ControllerManager manager = new ControllerManager(store, new FakeRuntime(),
                     List.of(rsReconciler, svcReconciler), ControllerConfig.defaults(), Clock.systemUTC())) {
            manager.start();
            store.create(Service.of(ObjectMeta.of("calc"),
                    new ServiceSpec(Selector.labels(Map.of("app", "calc")), null)));
            ReplicaSet rs = store.create(ReplicaSet.of(ObjectMeta.of("calc"), new ReplicaSetSpec(0,
                    ContainerTemplate.of(Map.of("app", "calc"), ContainerSpec.of("echo")))));
            Await.until(limit, manager::idle, "the manager to settle");
            long writesBefore = store.resourceVersion();

            long t0 = System.nanoTime();
            store.update(store.get(ReplicaSet.class, rs.key()).orElseThrow().withSpec(rs.spec().withReplicas(n)));
            Await.until(limit, () -> store.get(ReplicaSet.class, rs.key()).orElseThrow().status().replicas() == n,
                    n + " replicas");
            long t1 = System.nanoTime();

            for (Container c : store.list(Container.class, "default").items()) {
                store.updateStatus(c.withStatus(new ContainerStatus(ContainerPhase.RUNNING, "", "", true, 0, null,
                        null, "", 1)));
            }
            Await.until(limit, () -> store.get(Service.class, "default", "calc").orElseThrow()
                    .status().endpoints().size() == n, n + " endpoints");
            Await.until(limit, () -> store.get(ReplicaSet.class, rs.key()).orElseThrow().status().readyReplicas() == n,
                    n + " ready replicas");
            long t2 = System.nanoTime();

            ReplicaSet current = store.get(ReplicaSet.class, rs.key()).orElseThrow();
            store.update(current.withSpec(current.spec().withReplicas(0)));
            Await.until(limit, () -> store.list(Container.class, "default").size() == 0
                    && store.get(Service.class, "default", "calc").orElseThrow().status().endpoints().isEmpty(),
                    "scale down to 0");
            Await.until(limit, manager::idle, "the manager to settle");
            long t3 = System.nanoTime();

            long kubeletWrites = n;
            long userWrites = 2;
            long controllerWrites = store.resourceVersion() - writesBefore - kubeletWrites - userWrites;
            System.out.printf("%9d %12d %12d %14d %10d %12d %14d%n", n, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, rsReconciler.reconciles.get(),
                    svcReconciler.reconciles.get(), controllerWrites);
        }
    }
}
