package io.k4s.core.store;

import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delete dependents after their owners, in the background, as Kubernetes' garbage collector.
 *
 * <p>Keeps an index from each owner uid to the resources that list it in
 * {@code ownerReferences}, and the set of uids that exist. When an owner is deleted its
 * dependents are queued; the thread {@value #THREAD_NAME} takes them one at a time and asks the
 * store to collect each (the store deletes it if none of its owners exists any more, which
 * queues its own dependents in turn). A resource created with owners none of which exists is
 * queued too, so a dependent created while its owner was being deleted is not left behind.
 *
 * <p>{@link #track}, {@link #ownerDeleted} and {@link #anyOwnerExists} must be called under the
 * store's write lock;
 * the queue is thread-safe.
 */
final class GarbageCollector {

    /** The name of the collecting thread. */
    static final String THREAD_NAME = "k4s-store-gc";

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    /** A resource to look at: its class and key. */
    record Dependent(Class<? extends Resource> type, ResourceKey key) {}

    private final Map<String, Set<Dependent>> dependentsByOwner = new HashMap<>();
    private final Set<String> liveUids = new HashSet<>();
    private final LinkedBlockingQueue<Dependent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** Start the collecting thread; {@code collect} runs on it for each queued dependent. */
    GarbageCollector(Consumer<Dependent> collect) {
        this.thread = Thread.ofPlatform().daemon().name(THREAD_NAME).unstarted(() -> run(collect));
        thread.start();
    }

    private void run(Consumer<Dependent> collect) {
        while (true) {
            Dependent next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return; // stop() interrupts: the store is closing
            }
            try {
                collect.accept(next);
            } catch (RuntimeException e) {
                LOG.error("could not collect {} {} after its owner was deleted; it stays in the store",
                        next.type().getSimpleName(), next.key(), e);
            }
        }
    }

    /** Record that {@code now} replaced {@code old} (either may be {@code null}). */
    void track(Resource old, Resource now) {
        List<OwnerReference> before = old == null ? List.of() : old.metadata().ownerReferences();
        List<OwnerReference> after = now == null ? List.of() : now.metadata().ownerReferences();
        if (old != null && now == null) {
            liveUids.remove(old.metadata().uid());
        }
        if (now != null) {
            liveUids.add(now.metadata().uid());
        }
        if (before.equals(after)) {
            return;
        }
        Resource some = now != null ? now : old;
        Dependent dependent = new Dependent(some.getClass(), some.key());
        for (OwnerReference ref : before) {
            Set<Dependent> set = dependentsByOwner.get(ref.uid());
            if (set != null && set.remove(dependent) && set.isEmpty()) {
                dependentsByOwner.remove(ref.uid());
            }
        }
        for (OwnerReference ref : after) {
            dependentsByOwner.computeIfAbsent(ref.uid(), u -> new HashSet<>()).add(dependent);
        }
        if (now != null && !after.isEmpty() && !anyOwnerExists(now)) {
            queue.add(dependent);
        }
    }

    /** Queue the dependents of {@code owner}, which was just deleted. */
    void ownerDeleted(Resource owner) {
        Set<Dependent> dependents = dependentsByOwner.remove(owner.metadata().uid());
        if (dependents != null) {
            queue.addAll(dependents);
        }
    }

    /** Whether any owner that {@code resource} lists still exists. */
    boolean anyOwnerExists(Resource resource) {
        for (OwnerReference ref : resource.metadata().ownerReferences()) {
            if (liveUids.contains(ref.uid())) {
                return true;
            }
        }
        return false;
    }

    /** Stop the thread; queued dependents are not collected. */
    void stop() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
