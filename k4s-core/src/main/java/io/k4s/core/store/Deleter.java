package io.k4s.core.store;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.PreconditionFailedException;
import io.k4s.api.resource.PropagationPolicy;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.store.GarbageCollector.Ref;
import io.k4s.core.store.StorageBackend.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carry out deletes as Kubernetes does, for the store and for its garbage collector.
 *
 * <p>A delete checks its preconditions against the stored resource, then either removes it (no
 * finalizers) or marks it: {@code deletionTimestamp}, {@code deletionGracePeriodSeconds} and the
 * finalizer of its propagation policy ({@code foregroundDeletion} or {@code orphan}, added only
 * when the resource has dependents, since with none there is nothing to wait for or release). A
 * delete that loses a race with another write reads again and retries; deleting a resource that
 * is already marked returns it unchanged.
 *
 * <p>The collector's tasks ({@link GarbageCollector.Actions}) run here on its thread, through the
 * store's own operations, so they obey the same rules (the update that removes the last finalizer
 * removes the resource). Thread-safe.
 */
final class Deleter implements GarbageCollector.Actions {

    private static final Logger LOG = LoggerFactory.getLogger(Deleter.class);

    private final ResourceStore store;
    private final StorageBackend backend;
    private final WatchCache cache;
    private final GarbageCollector collector;
    private final Clock clock;

    Deleter(ResourceStore store, StorageBackend backend, WatchCache cache, GarbageCollector collector, Clock clock) {
        this.store = store;
        this.backend = backend;
        this.cache = cache;
        this.collector = collector;
        this.clock = clock;
    }

    /** Delete the resource of {@code type} with {@code key} as {@code options} say; see the store. */
    Resource delete(Class<? extends Resource> type, ResourceKey key, DeleteOptions options) {
        while (true) {
            cache.awaitCurrent();
            Resource old = cache.get(type, key);
            if (old == null) {
                throw new NotFoundException(type.getSimpleName(), key);
            }
            String problem = options.preconditions().problemWith(old);
            if (problem != null) {
                Long expected = options.preconditions().resourceVersion();
                throw new PreconditionFailedException(old.kind(), key, expected == null ? 0 : expected,
                        old.metadata().resourceVersion(), problem);
            }
            ObjectMeta was = old.metadata();
            if (was.deletionTimestamp() != null) {
                return old;
            }
            List<String> finalizers = finalizersFor(old, options.propagationPolicy());
            try {
                if (finalizers.isEmpty()) {
                    return options.dryRun() ? old : removeNow(old);
                }
                Instant now = clock.instant();
                Long grace = options.gracePeriodSeconds();
                if (options.dryRun()) {
                    return old.withMetadata(meta(was, was.resourceVersion(), now, grace, finalizers));
                }
                Resource marked = backend.update(Key.of(old), was.resourceVersion(),
                        rev -> old.withMetadata(meta(was, rev, now, grace, finalizers)));
                cache.awaitWrite(marked.metadata().resourceVersion());
                return marked;
            } catch (ConflictException | NotFoundException e) {
                // Written or removed since it was read: read again (the preconditions are checked anew).
                LOG.debug("delete of {} {} raced with another write; reading again", type.getSimpleName(), key);
            }
        }
    }

    /** The finalizers {@code r} has plus the one {@code policy} needs, if it has dependents. */
    private List<String> finalizersFor(Resource r, PropagationPolicy policy) {
        List<String> have = r.metadata().finalizers();
        String extra = switch (policy) {
            case BACKGROUND -> null;
            case FOREGROUND -> PropagationPolicy.FOREGROUND_FINALIZER;
            case ORPHAN -> PropagationPolicy.ORPHAN_FINALIZER;
        };
        if (extra == null || have.contains(extra)
                || !cache.locked(() -> collector.hasDependents(r.metadata().uid()))) {
            return have;
        }
        List<String> more = new ArrayList<>(have);
        more.add(extra);
        return more;
    }

    /** Remove {@code old} from the backend now, if it was not written since it was read. */
    Resource removeNow(Resource old) {
        Resource removed = backend.delete(Key.of(old), old.metadata().resourceVersion());
        cache.awaitWrite(removed.metadata().resourceVersion());
        return removed;
    }

    /**
     * Refuse an update that adds finalizers to a resource being deleted, as Kubernetes does.
     *
     * @throws IllegalArgumentException naming the resource and the finalizers
     */
    static void refuseNewFinalizers(Resource old, ObjectMeta given) {
        List<String> added = new ArrayList<>(given.finalizers());
        added.removeAll(old.metadata().finalizers());
        if (!added.isEmpty()) {
            throw new IllegalArgumentException(old.kind() + " \"" + old.key() + "\": metadata.finalizers: cannot add "
                    + added + " to a resource being deleted (deletionTimestamp " + old.metadata().deletionTimestamp()
                    + "); only removing finalizers is allowed now");
        }
    }

    /** {@code m} with another resourceVersion, deletion fields and finalizers. */
    static ObjectMeta meta(ObjectMeta m, long resourceVersion, Instant deletionTimestamp, Long gracePeriodSeconds,
                           List<String> finalizers) {
        return new ObjectMeta(m.name(), m.namespace(), m.labels(), m.annotations(), m.uid(), resourceVersion,
                m.generation(), m.creationTimestamp(), m.ownerReferences(), m.generateName(), deletionTimestamp,
                gracePeriodSeconds, finalizers);
    }

    @Override
    public void collect(Ref dependent) {
        cache.awaitCurrent();
        Resource r = cache.get(dependent.type(), dependent.key());
        if (r == null || r.metadata().ownerReferences().isEmpty() || r.metadata().deletionTimestamp() != null
                || cache.locked(() -> collector.anyOwnerExists(r))) {
            return;
        }
        LOG.debug("collecting {} {}: none of its owners exists", r.kind(), r.key());
        deleteQuietly(r, DeleteOptions.BACKGROUND);
    }

    @Override
    public void foreground(Ref ownerRef) {
        Resource owner = markedWith(ownerRef, PropagationPolicy.FOREGROUND_FINALIZER);
        if (owner == null) {
            return;
        }
        String uid = owner.metadata().uid();
        List<Ref> dependents = cache.locked(() -> collector.dependentsOf(uid));
        for (Ref d : dependents) {
            Resource r = cache.get(d.type(), d.key());
            if (r != null && referenceTo(r, uid) != null && r.metadata().deletionTimestamp() == null) {
                deleteQuietly(r, DeleteOptions.propagation(PropagationPolicy.FOREGROUND));
            }
        }
        cache.awaitCurrent();
        for (Ref d : dependents) {
            Resource r = cache.get(d.type(), d.key());
            OwnerReference ref = r == null ? null : referenceTo(r, uid);
            if (ref != null && ref.blockOwnerDeletion()) {
                return; // it comes back here when that dependent is gone
            }
        }
        removeFinalizer(ownerRef, uid, PropagationPolicy.FOREGROUND_FINALIZER);
    }

    @Override
    public void orphan(Ref ownerRef) {
        Resource owner = markedWith(ownerRef, PropagationPolicy.ORPHAN_FINALIZER);
        if (owner == null) {
            return;
        }
        String uid = owner.metadata().uid();
        for (Ref d : cache.locked(() -> collector.dependentsOf(uid))) {
            change(d, null, m -> m.withOwnerReferences(m.ownerReferences().stream()
                    .filter(ref -> !ref.uid().equals(uid)).toList()));
        }
        removeFinalizer(ownerRef, uid, PropagationPolicy.ORPHAN_FINALIZER);
    }

    /** The resource {@code ref} names if it is being deleted and holds {@code finalizer}; else null. */
    private Resource markedWith(Ref ref, String finalizer) {
        cache.awaitCurrent();
        Resource r = cache.get(ref.type(), ref.key());
        return r != null && r.metadata().deletionTimestamp() != null && r.metadata().finalizers().contains(finalizer)
                ? r : null;
    }

    private void removeFinalizer(Ref ref, String uid, String finalizer) {
        change(ref, uid, m -> m.withFinalizers(m.finalizers().stream().filter(f -> !f.equals(finalizer)).toList()));
    }

    /**
     * Update the metadata of the resource {@code ref} names (if it still has {@code uid}, when
     * given) with {@code edit}, reading again after each conflict, as Kubernetes'
     * GuaranteedUpdate; removing the last finalizer of a marked resource removes it.
     */
    private void change(Ref ref, String uid, UnaryOperator<ObjectMeta> edit) {
        while (true) {
            cache.awaitCurrent();
            Resource r = cache.get(ref.type(), ref.key());
            if (r == null || (uid != null && !uid.equals(r.metadata().uid()))) {
                return;
            }
            try {
                store.update(r.withMetadata(edit.apply(r.metadata())));
                return;
            } catch (ConflictException e) {
                LOG.debug("{} {} changed while the collector edited it; reading again", r.kind(), r.key());
            } catch (NotFoundException e) {
                return;
            }
        }
    }

    /** Delete {@code r} (only this uid); someone else having deleted or replaced it is fine. */
    private void deleteQuietly(Resource r, DeleteOptions options) {
        try {
            store.delete(r.getClass(), r.metadata().namespace(), r.metadata().name(), options.withUid(r.metadata().uid()));
        } catch (NotFoundException | PreconditionFailedException e) {
            LOG.debug("{} {} was deleted or replaced already", r.kind(), r.key());
        }
    }

    private static OwnerReference referenceTo(Resource r, String uid) {
        for (OwnerReference ref : r.metadata().ownerReferences()) {
            if (ref.uid().equals(uid)) {
                return ref;
            }
        }
        return null;
    }
}
