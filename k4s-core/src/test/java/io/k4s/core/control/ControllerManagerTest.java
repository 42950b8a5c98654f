package io.k4s.core.control;

import static io.k4s.core.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.core.Await;
import io.k4s.core.store.InMemoryResourceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllerManagerTest {

    /** No resync unless a test asks for one, tiny backoff. */
    private static final ControllerConfig CONFIG = ControllerConfig.defaults()
            .withResyncPeriod(Duration.ofHours(1)).withBackoff(Duration.ofMillis(1), Duration.ofMillis(50));

    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final ControlledWatchClient client = new ControlledWatchClient(store);
    private final FakeRuntime runtime = new FakeRuntime();
    private final List<ControllerManager> managers = new ArrayList<>();

    @AfterEach
    void closeAll() {
        managers.forEach(ControllerManager::close);
        store.close();
    }

    private ControllerManager start(ControllerConfig config, Reconciler... reconcilers) {
        ControllerManager m = new ControllerManager(client, runtime, List.of(reconcilers), config, Clock.systemUTC());
        managers.add(m);
        m.start();
        return m;
    }

    private ControllerManager start(Reconciler... reconcilers) {
        return start(CONFIG, reconcilers);
    }

    private static ReplicaSet replicaSet(String name) {
        return ReplicaSet.of(ObjectMeta.of(name),
                new ReplicaSetSpec(1, ContainerTemplate.of(Map.of(), ContainerSpec.of("echo"))));
    }

    private static Service service(String name) {
        return Service.of(ObjectMeta.of(name), new ServiceSpec(Selector.glob(name + "-*"), null));
    }

    private static Container container(String name, OwnerReference... owners) {
        return Container.of(ObjectMeta.of(name).withOwnerReferences(List.of(owners)), ContainerSpec.of("echo"));
    }

    @Test
    void resourcesThatExistAtStart_areReconciled() {
        store.create(replicaSet("before"));
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class);

        start(rs);

        until(() -> rs.calls("before") == 1, "the existing ReplicaSet to be reconciled");
    }

    @Test
    void changeOfAKind_reachesOnlyTheReconcilerOfThatKind() {
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class);
        RecordingReconciler svc = new RecordingReconciler("svc", Service.class);
        ControllerManager m = start(rs, svc);

        store.create(replicaSet("calc"));

        until(() -> rs.calls("calc") == 1, "the ReplicaSet reconciler to see calc");
        until(m::idle, "the manager to be idle");
        assertEquals(0, svc.calls("calc"));
    }

    @Test
    void changeOfAnOwnedResource_enqueuesItsControllingOwnerOfTheReconcilersKind() {
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).owning(Container.class);
        ControllerManager m = start(rs);
        ReplicaSet calc = store.create(replicaSet("calc"));
        until(() -> rs.calls("calc") == 1, "the ReplicaSet to be reconciled");
        until(m::idle, "the manager to be idle");

        store.create(container("calc-0", OwnerReference.controlledBy(calc)));
        store.create(container("loose-0"));
        store.create(container("svc-owned-0", new OwnerReference("Service", "svc-target", "uid-1", true)));
        store.create(container("weak-0", new OwnerReference("ReplicaSet", "weak-target", "uid-2", false)));

        until(() -> rs.calls("calc") == 2, "the owner to be reconciled again");
        until(m::idle, "the manager to be idle");
        assertEquals(0, rs.calls("loose-0"), "an owned kind never enqueues its own key");
        assertEquals(0, rs.calls("svc-target"), "an owner of another kind is not this reconciler's");
        assertEquals(0, rs.calls("weak-target"), "only the controller reference counts");
    }

    @Test
    void changeOfATriggerKind_enqueuesTheMappersKeys() {
        RecordingReconciler svc = new RecordingReconciler("svc", Service.class)
                .triggeredBy(new Trigger(Container.class, (changed, resources) ->
                        List.of(ResourceKey.of("mapped-" + changed.metadata().name()))));
        start(svc);

        store.create(container("a"));

        until(() -> svc.calls("mapped-a") == 1, "the mapped key to be reconciled");
    }

    @Test
    void runtimeEvent_enqueuesTheContainerKey_forContainerReconcilersOnly() {
        RecordingReconciler kubelet = new RecordingReconciler("kubelet", Container.class);
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class);
        ControllerManager m = start(kubelet, rs);
        ResourceKey key = ResourceKey.of("x-0");

        runtime.emit(new RuntimeEvent(RuntimeEvent.Type.CRASHED, new ContainerState(key, "uid", 1,
                ContainerState.Phase.BACKOFF, false, 1, null, null, "boom", null)));

        until(() -> kubelet.calls(key) == 1, "the kubelet to see the crash");
        until(m::idle, "the manager to be idle");
        assertEquals(0, rs.calls(key));
        m.close();
        assertTrue(runtime.listeners.isEmpty(), "close() unsubscribes from the runtime");
    }

    @Test
    void failure_isRetriedWithBackoff_untilItSucceeds_andItsLastErrorIsCleared() {
        AtomicBoolean healthy = new AtomicBoolean();
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).behaving((key, call) -> {
            if (!healthy.get()) {
                throw new IllegalStateException("database is down");
            }
            return Result.done();
        });
        ControllerManager m = start(rs);

        store.create(replicaSet("calc"));

        until(() -> rs.calls("calc") >= 3, "three attempts");
        assertEquals(Map.of(ResourceKey.of("calc"), "IllegalStateException: database is down"), m.lastErrors("rs"));
        healthy.set(true);
        until(() -> m.lastErrors("rs").isEmpty(), "the error to be cleared by a successful retry");
    }

    /** An Error none of the usual catch clauses name. */
    static final class ReconcilerBug extends Error {
        ReconcilerBug(String message) {
            super(message);
        }
    }

    @Test
    void anyErrorInAReconcile_isRetried_andTheOnlyWorkerThreadKeepsProcessingKeys() {
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).concurrency(1)
                .behaving((key, call) -> {
                    if (key.name().equals("calc") && call == 1) {
                        throw new ReconcilerBug("bug on the first try");
                    }
                    return Result.done();
                });
        ControllerManager m = start(rs);

        store.create(replicaSet("calc"));
        until(() -> rs.calls("calc") == 2, "calc to be retried after the Error");
        store.create(replicaSet("later"));

        until(() -> rs.calls("later") == 1, "a later key to be reconciled by the same worker thread");
        until(() -> m.lastErrors("rs").isEmpty(), "the error to be cleared by the successful retry");
    }

    @Test
    void reconcileReturningWithTheInterruptFlagSet_doesNotEndTheOnlyWorkerThread() {
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).concurrency(1)
                .behaving((key, call) -> {
                    if (key.name().equals("calc")) {
                        // The "restore the interrupt" idiom after catching InterruptedException.
                        Thread.currentThread().interrupt();
                    }
                    return Result.done();
                });
        start(rs);

        store.create(replicaSet("calc"));
        until(() -> rs.calls("calc") == 1, "calc to be reconciled");
        store.create(replicaSet("later"));

        until(() -> rs.calls("later") == 1, "a later key to be reconciled by the same worker thread");
    }

    @Test
    void conflict_isRetried_andNotRecordedAsAnError() {
        AtomicReference<Map<ResourceKey, String>> errorsSeenOnRetry = new AtomicReference<>();
        ControllerManager[] self = new ControllerManager[1];
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).behaving((key, call) -> {
            if (call == 1) {
                throw new ConflictException("ReplicaSet", key, 1, 2);
            }
            errorsSeenOnRetry.set(self[0].lastErrors("rs"));
            return Result.done();
        });
        self[0] = new ControllerManager(client, runtime, List.of(rs), CONFIG, Clock.systemUTC());
        managers.add(self[0]);
        self[0].start();

        store.create(replicaSet("calc"));

        until(() -> errorsSeenOnRetry.get() != null, "the retry after the conflict");
        assertEquals(Map.of(), errorsSeenOnRetry.get());
    }

    @Test
    void requeueAfter_reconcilesTheKeyAgainWithoutAnEvent() {
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).behaving((key, call) ->
                call < 3 ? Result.requeueAfter(Duration.ofMillis(10)) : Result.done());
        start(rs);

        store.create(replicaSet("calc"));

        until(() -> rs.calls("calc") == 3, "two requeued reconciles");
    }

    @Test
    void resync_queuesEveryKeyAgain() {
        store.create(replicaSet("a"));
        store.create(replicaSet("b"));
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class);

        start(CONFIG.withResyncPeriod(Duration.ofMillis(20)), rs);

        until(() -> rs.calls("a") >= 3 && rs.calls("b") >= 3, "resyncs of both keys");
    }

    @Test
    void expiredWatch_isListedAgain_andWatchedFromThere() {
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class);
        start(rs);
        client.muteOpenWatches();
        store.create(replicaSet("missed"));

        client.expireOpenWatches();

        until(() -> rs.calls("missed") == 1, "the re-list to find the change the watch dropped");
        store.create(replicaSet("after"));
        until(() -> rs.calls("after") == 1, "the new watch to deliver later changes");
        assertEquals(2, client.watchCalls(ReplicaSet.class));
    }

    @Test
    void failingWatch_isOpenedAgain_afterAPause() {
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class);
        start(rs);
        client.failNextWatches(2);
        client.muteOpenWatches();
        store.create(replicaSet("missed"));

        client.expireOpenWatches();

        until(() -> rs.calls("missed") == 1, "the re-list after the failed watches");
        until(() -> client.watchCalls(ReplicaSet.class) == 4, "the first watch, two failed ones and a good one");
        store.create(replicaSet("after"));
        until(() -> rs.calls("after") == 1, "the watch to work again");
    }

    @Test
    void mapperThatThrows_doesNotStopTheWatch() {
        RecordingReconciler svc = new RecordingReconciler("svc", Service.class)
                .triggeredBy(new Trigger(Container.class, (changed, resources) -> {
                    if (changed.metadata().name().equals("bad")) {
                        throw new IllegalArgumentException("cannot map bad");
                    }
                    return List.of(ResourceKey.of("mapped-" + changed.metadata().name()));
                }));
        start(svc);

        store.create(container("bad"));
        store.create(container("good"));

        until(() -> svc.calls("mapped-good") == 1, "the change after the failed mapping");
    }

    @Test
    void slowReconciler_doesNotStallAnother() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingReconciler slow = new RecordingReconciler("slow", ReplicaSet.class).concurrency(1)
                .behaving((key, call) -> {
                    entered.countDown();
                    release.await();
                    return Result.done();
                });
        RecordingReconciler fast = new RecordingReconciler("fast", Service.class);
        start(slow, fast);
        store.create(replicaSet("stuck"));
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        store.create(service("web"));

        until(() -> fast.calls("web") == 1, "the other reconciler to go on");
        release.countDown();
    }

    @Test
    void slowKey_doesNotStallOtherKeysOfTheSameReconciler() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).concurrency(2)
                .behaving((key, call) -> {
                    if (key.name().equals("stuck")) {
                        entered.countDown();
                        release.await();
                    }
                    return Result.done();
                });
        start(rs);
        store.create(replicaSet("stuck"));
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        store.create(replicaSet("other"));

        until(() -> rs.calls("other") == 1, "the other key to be reconciled");
        release.countDown();
    }

    @Test
    void workerThreads_startOnDemand_oneForFewKeys_anotherWhenAKeyWaitsBehindABlockedReconcile() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).concurrency(3)
                .behaving((key, call) -> {
                    if (key.name().equals("slow")) {
                        entered.countDown();
                        release.await();
                    }
                    return Result.done();
                });
        ControllerManager m = start(rs);
        store.create(replicaSet("first"));
        Await.until(() -> rs.calls("first") > 0, "first to be reconciled");
        assertEquals(List.of("k4s-reconcile-rs-0"), workerNames(m), "one key, one worker");

        store.create(replicaSet("slow"));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        store.create(replicaSet("other"));

        Await.until(() -> rs.calls("other") > 0, "other to be reconciled while slow blocks a worker");
        release.countDown();
        assertEquals(2, workerNames(m).size(), "a second worker, not the third the concurrency allows: "
                + workerNames(m));
    }

    private static List<String> workerNames(ControllerManager m) {
        return m.threads().stream().map(Thread::getName).filter(n -> n.startsWith("k4s-reconcile-")).toList();
    }

    @Test
    void close_endsEveryThread_evenWithAReconcileBlocked() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        RecordingReconciler rs = new RecordingReconciler("rs", ReplicaSet.class).behaving((key, call) -> {
            entered.countDown();
            new CountDownLatch(1).await();
            return Result.done();
        });
        RecordingReconciler kubelet = new RecordingReconciler("kubelet", Container.class);
        ControllerManager m = start(rs, kubelet);
        store.create(replicaSet("calc"));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        List<Thread> threads = m.threads();
        assertTrue(threads.stream().anyMatch(t -> t.getName().equals("k4s-reconcile-rs-0")), threads.toString());
        assertTrue(threads.stream().anyMatch(t -> t.getName().equals("k4s-watch-ReplicaSet")), threads.toString());

        m.close();

        for (Thread t : threads) {
            assertFalse(t.isAlive(), t.getName() + " is still alive after close()");
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("k4s-controller-timer") && t.isAlive()),
                "the controller timer thread is still alive after close()");
        assertTrue(m.lastErrors("rs").isEmpty(), "an interrupted reconcile at shutdown is not an error");
    }

    @Test
    void eachTypeIsWatchedOnce_howeverManyReconcilersCare() {
        Trigger onContainers = new Trigger(Container.class, (changed, resources) -> List.of());
        ControllerManager m = start(new RecordingReconciler("a", Container.class),
                new RecordingReconciler("b", Container.class),
                new RecordingReconciler("rs", ReplicaSet.class).owning(Container.class),
                new RecordingReconciler("svc", Service.class).triggeredBy(onContainers));

        assertEquals(1, client.watchCalls(Container.class));
        assertEquals(3, m.watchedTypes());
    }

    @Test
    void twoReconcilersWithOneName_areRejected() {
        List<Reconciler> twins = List.of(new RecordingReconciler("rs", ReplicaSet.class),
                new RecordingReconciler("rs", Service.class));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ControllerManager(client, runtime, twins, CONFIG, Clock.systemUTC()));

        assertTrue(e.getMessage().contains("two reconcilers are named \"rs\""), e.getMessage());
    }

    @Test
    void lastErrors_ofAnUnknownReconciler_namesTheKnownOnes() {
        ControllerManager m = start(new RecordingReconciler("rs", ReplicaSet.class));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.lastErrors("nope"));

        assertTrue(e.getMessage().contains("[rs]"), e.getMessage());
    }

    @Test
    void start_twice_isAnError() {
        ControllerManager m = start(new RecordingReconciler("rs", ReplicaSet.class));

        assertThrows(IllegalStateException.class, m::start);
    }
}
