package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keep exactly {@code spec.replicas} Containers named {@code NAME-0 ... NAME-(n-1)} for each
 * ReplicaSet, and report how many exist and are ready.
 *
 * <p>A missing index is created from the template (with a controller owner reference to the
 * ReplicaSet); containers it controls beyond the count, or with names outside the scheme, are
 * deleted, highest index first. Existing containers are never changed: a template change
 * affects new containers only. A name taken by a container the ReplicaSet does not control is
 * left alone and reported in a {@code ReplicaFailure} condition (reason {@code NameTaken}); a
 * create that fails otherwise is reported there too (reason {@code FailedCreate}, with the
 * error) and retried with the queue's backoff. A deleted ReplicaSet needs nothing: the store
 * deletes what it owns. One reconcile lists the namespace's Containers once and works in time
 * linear in their number.
 *
 * <p>Missing containers are created in slow-start batches, as Kubernetes' ReplicaSet
 * controller does: 1, then 2, 4, 8 ... per reconcile while every create of the previous batch
 * succeeded, at most {@value #BURST} (Kubernetes' {@code burstReplicas}), back to 1 after a
 * failure. Status is written after every batch and the key is requeued at once, so a big scale
 * shows its progress, other ReplicaSets get their turns in between, and a create that keeps
 * failing costs one attempt, not thousands.
 *
 * <p>Thread-safe; the only state is the next batch size of each ReplicaSet still creating.
 */
public final class ReplicaSetReconciler implements Reconciler {

    /** The condition type reported when replicas cannot be created. */
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    /** The reason of the {@code ReplicaFailure} condition when a create fails for another reason than a taken name. */
    public static final String FAILED_CREATE = "FailedCreate";

    /** The most containers one reconcile creates. */
    static final int BURST = 500;

    private static final int MAX_NAMES_IN_MESSAGE = 5;

    /** The next batch size of each ReplicaSet with containers still to create. */
    private final Map<ResourceKey, Integer> nextBatch = new ConcurrentHashMap<>();

    /** Create the reconciler; the manager finds it through ServiceLoader. */
    public ReplicaSetReconciler() {
    }

    @Override
    public Class<ReplicaSet> resourceType() {
        return ReplicaSet.class;
    }

    @Override
    public Set<Class<? extends Resource>> ownedTypes() {
        return Set.of(Container.class);
    }

    /** An owned container at its index ({@code -1}: a name outside the scheme). */
    private record Owned(int index, Container container) {}

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        ResourceClient resources = context.resources();
        ReplicaSet rs = resources.get(ReplicaSet.class, key).orElse(null);
        if (rs == null) {
            nextBatch.remove(key);
            return Result.done();
        }
        String namespace = rs.metadata().namespace();
        String prefix = rs.metadata().name() + "-";
        int replicas = rs.spec().replicas();
        BitSet present = new BitSet();
        List<Owned> extra = new ArrayList<>();
        int ready = 0;
        for (Container c : resources.list(Container.class, namespace).items()) {
            if (!controlledBy(c, rs)) {
                continue;
            }
            int index = indexOf(c.metadata().name(), prefix);
            if (index >= 0 && index < replicas) {
                present.set(index);
                ready += c.status().ready() ? 1 : 0;
            } else {
                extra.add(new Owned(index, c));
            }
        }
        extra.sort(Comparator.comparingInt(Owned::index).reversed());
        for (Owned o : extra) {
            deleteIfPresent(resources, o.container(), context);
        }
        int existing = present.cardinality();
        int batch = Math.min(replicas - existing, nextBatch.getOrDefault(key, 1));
        List<String> taken = new ArrayList<>();
        int created = 0;
        int index = present.nextClearBit(0);
        RuntimeException failure = null;
        String failedName = null;
        for (; index < replicas && created < batch; index = present.nextClearBit(index + 1)) {
            try {
                resources.create(newContainer(rs, index));
                created++;
            } catch (AlreadyExistsException e) {
                taken.add(prefix + index);
            } catch (RuntimeException e) {
                failure = e;
                failedName = prefix + index;
                break;
            }
        }
        existing += created;
        // Indices not tried in this batch are still missing; taken names cannot be created now.
        boolean more = failure == null && index < replicas;
        if (more && created == batch) {
            nextBatch.put(key, Math.min(BURST, batch * 2));
        } else if (failure != null) {
            nextBatch.put(key, 1);
        } else {
            nextBatch.remove(key);
        }
        ReplicaSetStatus desired = new ReplicaSetStatus(existing, ready, rs.metadata().generation(),
                conditions(rs, taken, failure == null ? null : "cannot create " + failedName + ": " + failure.getMessage(),
                        context));
        if (!desired.equals(rs.status())) {
            try {
                resources.updateStatus(rs.withStatus(desired));
            } catch (NotFoundException e) {
                context.log().debug("ReplicaSet {} was deleted while it was reconciled", key);
                return Result.requeueAfter(Duration.ZERO);
            }
        }
        if (failure != null) {
            throw failure; // the queue retries with backoff; the condition says why meanwhile
        }
        return more ? Result.requeueAfter(Duration.ZERO) : Result.done();
    }

    private static boolean controlledBy(Container c, ReplicaSet rs) {
        for (OwnerReference ref : c.metadata().ownerReferences()) {
            if (ref.controller() && ref.refersTo(rs)) {
                return true;
            }
        }
        return false;
    }

    /** The index in {@code PREFIX<index>} (canonical decimal, no leading zero), or -1. */
    static int indexOf(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return -1;
        }
        int len = name.length() - prefix.length();
        if (len < 1 || len > 9 || (len > 1 && name.charAt(prefix.length()) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = prefix.length(); i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static void deleteIfPresent(ResourceClient resources, Container c, ReconcileContext context) {
        try {
            resources.delete(Container.class, c.metadata().namespace(), c.metadata().name());
            context.log().debug("deleted container {}", c.key());
        } catch (NotFoundException e) {
            context.log().debug("container {} was gone already", c.key());
        }
    }

    private static Container newContainer(ReplicaSet rs, int index) {
        ContainerTemplate t = rs.spec().template();
        ObjectMeta meta = new ObjectMeta(rs.metadata().name() + "-" + index, rs.metadata().namespace(),
                t.labels(), t.annotations(), null, 0, 0, null, List.of(OwnerReference.controlledBy(rs)));
        return Container.of(meta, t.spec());
    }

    /** The ReplicaSet's conditions with {@code ReplicaFailure} set from a failed create or taken names, or removed. */
    private static List<Condition> conditions(ReplicaSet rs, List<String> taken, String failedCreate,
                                              ReconcileContext context) {
        List<Condition> kept = new ArrayList<>();
        Condition previous = null;
        for (Condition c : rs.status().conditions()) {
            if (c.type().equals(REPLICA_FAILURE)) {
                previous = c;
            } else {
                kept.add(c);
            }
        }
        if (taken.isEmpty() && failedCreate == null) {
            return kept;
        }
        String reason;
        String message;
        if (failedCreate != null) {
            reason = FAILED_CREATE;
            message = failedCreate;
        } else {
            String names = String.join(", ", taken.subList(0, Math.min(taken.size(), MAX_NAMES_IN_MESSAGE)))
                    + (taken.size() > MAX_NAMES_IN_MESSAGE
                            ? " and " + (taken.size() - MAX_NAMES_IN_MESSAGE) + " more" : "");
            reason = "NameTaken";
            message = "cannot create " + names + ": a container of that name exists and is not"
                    + " controlled by this ReplicaSet; delete it or rename the ReplicaSet";
        }
        if (previous == null || !previous.status() || !previous.reason().equals(reason)) {
            context.log().warn("ReplicaSet {}: {}", rs.key(), message);
        }
        kept.add(new Condition(REPLICA_FAILURE, true, reason, message,
                previous != null && previous.status() ? previous.lastTransitionTime() : context.clock().instant()));
        return kept;
    }
}
