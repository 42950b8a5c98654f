package io.k4s.core.store;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.PropagationPolicy;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Act on owner references as Kubernetes' garbage collector: delete dependents whose owners are
 * gone, delete the dependents of an owner deleted in the foreground and release the owner when
 * its blocking dependents are gone, and release the dependents of an owner deleted with
 * {@link PropagationPolicy#ORPHAN}.
 *
 * <p>Keeps an index from each owner uid to the resources that list it in
 * {@code ownerReferences}, and the uids that exist. {@link #track} sees every change the cache
 * applies and queues tasks; the thread {@value #THREAD_NAME} takes them one at a time and asks
 * the store to act ({@link Actions}). A resource created with owners none of which exists is
 * queued too, so a dependent created while its owner was being deleted is not left behind.
 *
 * <p>The index is guarded by the cache's lock: {@link #track}, {@link #reset} and the queries
 * must be called with it held. The queue is thread-safe.
 */
final class GarbageCollector {

    /** The name of the collecting thread. */
    static final String THREAD_NAME = "k4s-store-gc";

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    /** A resource to look at: its class and key. */
    record Ref(Class<? extends Resource> type, ResourceKey key) {
        static Ref of(Resource r) {
            return new Ref(r.getClass(), r.key());
        }
    }

    /** What the collector asks the store to do, on the collecting thread. */
    interface Actions {

        /** Delete {@code dependent} if it has owners and none of them exists any more. */
        void collect(Ref dependent);

        /** Delete the dependents of {@code owner} (deleted in the foreground); release it when none blocks. */
        void foreground(Ref owner);

        /** Remove {@code owner} (deleted with Orphan) from its dependents' owner references; then release it. */
        void orphan(Ref owner);
    }

    private sealed interface Task permits Collect, Foreground, Orphan {}

    private record Collect(Ref dependent) implements Task {}

    private record Foreground(Ref owner) implements Task {}

    private record Orphan(Ref owner) implements Task {}

    /** How long the collector waits before it tries a task again after its storage failed. */
    private static final Duration STORAGE_RETRY = Duration.ofSeconds(1);

    private final Map<String, Set<Ref>> dependentsByOwner = new HashMap<>();
    private final Map<String, Ref> live = new HashMap<>();
    private final Set<String> foregroundOwners = new HashSet<>();
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private volatile Thread thread;

    /** Start the collecting thread; {@code actions} run on it. Call once. */
    void start(Actions actions) {
        Thread t = Thread.ofPlatform().daemon().name(THREAD_NAME).unstarted(() -> run(actions));
        thread = t;
        t.start();
    }

    private void run(Actions actions) {
        while (true) {
            Task next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return; // stop() interrupts: the store is closing
            }
            try {
                switch (next) {
                    case Collect c -> actions.collect(c.dependent());
                    case Foreground f -> actions.foreground(f.owner());
                    case Orphan o -> actions.orphan(o.owner());
                }
            } catch (ConflictException e) {
                // Someone wrote in between: look again with the new state.
                queue.add(next);
            } catch (IllegalStateException e) {
                LOG.debug("the store closed while the collector handled {}", next);
                return;
            } catch (StorageException e) {
                if (Thread.currentThread().isInterrupted()) {
                    LOG.debug("the store closed while the collector waited for its storage on {}", next);
                    return;
                }
                // The storage is unreachable (etcd restarting) or failed: the task is not lost, it is tried again.
                LOG.warn("the garbage collector could not reach the storage for {} ({}); trying again in {}", next,
                        e.getMessage(), STORAGE_RETRY);
                queue.add(next);
                try {
                    Thread.sleep(STORAGE_RETRY); // a pause before the retry: an unreachable storage sends no signal to wait on
                } catch (InterruptedException stopped) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("the garbage collector could not handle {}; the resources stay as they are", next, e);
            }
        }
    }

    /** Record that {@code now} replaced {@code old} (either may be {@code null}) and queue what follows. */
    void track(Resource old, Resource now) {
        List<OwnerReference> before = old == null ? List.of() : old.metadata().ownerReferences();
        List<OwnerReference> after = now == null ? List.of() : now.metadata().ownerReferences();
        if (old == null && now != null) {
            live.put(now.metadata().uid(), Ref.of(now));
        }
        if (now == null && old != null) {
            String uid = old.metadata().uid();
            live.remove(uid);
            foregroundOwners.remove(uid);
            Set<Ref> dependents = dependentsByOwner.remove(uid);
            if (dependents != null) {
                dependents.forEach(d -> queue.add(new Collect(d)));
            }
        }
        boolean refsChanged = before != after && !before.equals(after);
        if (refsChanged) {
            Ref dependent = Ref.of(now != null ? now : old);
            for (OwnerReference ref : before) {
                Set<Ref> set = dependentsByOwner.get(ref.uid());
                if (set != null && set.remove(dependent) && set.isEmpty()) {
                    dependentsByOwner.remove(ref.uid());
                }
            }
            for (OwnerReference ref : after) {
                dependentsByOwner.computeIfAbsent(ref.uid(), u -> new HashSet<>()).add(dependent);
            }
            if (now != null && !after.isEmpty() && !anyOwnerExists(now)) {
                queue.add(new Collect(dependent));
            }
        }
        if ((now == null || refsChanged) && !foregroundOwners.isEmpty()) {
            for (OwnerReference ref : before) {
                if (foregroundOwners.contains(ref.uid())) {
                    queue.add(new Foreground(live.get(ref.uid())));
                }
            }
        }
        if (now != null && now.metadata().deletionTimestamp() != null) {
            String uid = now.metadata().uid();
            List<String> finalizers = now.metadata().finalizers();
            if (finalizers.contains(PropagationPolicy.FOREGROUND_FINALIZER)) {
                foregroundOwners.add(uid);
                queue.add(new Foreground(Ref.of(now)));
            } else {
                foregroundOwners.remove(uid);
            }
            if (finalizers.contains(PropagationPolicy.ORPHAN_FINALIZER)) {
                queue.add(new Orphan(Ref.of(now)));
            }
        }
    }

    /** Forget the index (the cache lists its storage again and tracks every resource anew). */
    void reset() {
        dependentsByOwner.clear();
        live.clear();
        foregroundOwners.clear();
    }

    /** Whether any owner that {@code resource} lists still exists. */
    boolean anyOwnerExists(Resource resource) {
        for (OwnerReference ref : resource.metadata().ownerReferences()) {
            if (live.containsKey(ref.uid())) {
                return true;
            }
        }
        return false;
    }

    /** Whether some resource lists the owner with {@code uid}. */
    boolean hasDependents(String uid) {
        return dependentsByOwner.containsKey(uid);
    }

    /** The resources that list the owner with {@code uid}; a copy. */
    List<Ref> dependentsOf(String uid) {
        Set<Ref> set = dependentsByOwner.get(uid);
        return set == null ? List.of() : new ArrayList<>(set);
    }

    /** Stop the thread; queued tasks are dropped. */
    void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
