package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.event.EventType;
import io.k4s.api.event.ObjectReference;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.PreconditionFailedException;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep exactly {@code spec.replicas} Containers named {@code NAME-0 ... NAME-(n-1)} for each
 * ReplicaSet, and report how many exist, are ready and are available.
 *
 * <p>A missing index is created from the template (with a controller owner reference to the
 * ReplicaSet); containers it controls beyond the count, or with names outside the scheme, are
 * deleted, highest index first. Existing containers are never changed: a template change
 * affects new containers only. A name taken by a container the ReplicaSet does not control is
 * left alone and reported in a {@code ReplicaFailure} condition (reason {@code NameTaken}); a
 * create that fails otherwise is reported there too (reason {@code FailedCreate}, with the
 * error) and retried with the queue's backoff. A container counts as available once it has
 * been ready for {@code spec.minReadySeconds} (from its {@code readySince}); the reconcile asks
 * to be requeued for the moment the next one becomes available. A deleted ReplicaSet needs
 * nothing: the store deletes what it owns; one being deleted (marked, as in a foreground
 * delete) creates and deletes nothing and only reports its status.
 *
 * <p>Deletes are graceful (the Container stays, {@code Terminating}, until its worker has
 * drained): a container being deleted is neither counted nor replaced until it is gone, as
 * Kubernetes' ReplicaSet controller waits, so no name is reused while its old worker runs; its
 * deletion enqueues the ReplicaSet again. Deletes carry the container's uid as a precondition,
 * so a stale read can never delete a newer container of the same name.
 *
 * <p>The containers a ReplicaSet owns are read from the informer cache by owner uid
 * ({@link ReconcileContext#lister}), so a reconcile costs time in the ReplicaSet's own
 * replicas, not in the namespace's containers. The cache may lag: a create that finds its name
 * taken reads the store to tell its own container (counted) from a stranger's (reported).
 *
 * <p>Missing containers are created in slow-start batches, as Kubernetes' ReplicaSet
 * controller does: 1, then 2, 4, 8 ... per reconcile while every create of the previous batch
 * succeeded, at most {@value #BURST} (Kubernetes' {@code burstReplicas}) or an eighth of the
 * replicas if that is more ({@link #burst}), back to 1 after a failure. The creates of a batch
 * run {@value AtOnce#THREADS} at a time on platform threads ({@link AtOnce}), so a durable store
 * commits them together (a few group commits per batch, not one sync per replica). Containers
 * beyond the count are deleted the same way, all of them in one reconcile: a batch per reconcile
 * would make every batch wait for its slowest delete and for the next reconcile to list and sort
 * the replicas again (a scale of 10,000 to 0 in memory took 2-3x as long in batches of
 * {@value #BURST}). A container this reconciler deleted counts as terminating until the cache
 * shows it marked or gone ({@link #deleted}), as Kubernetes' ReplicaSet controller waits on its
 * deletion expectations: a reconcile reading a lagging cache does not delete it again (nor record
 * its event again). Status is written after every batch and the key is requeued at once, so a big
 * scale shows its progress, other ReplicaSets get their turns in between, and a create that keeps
 * failing costs one attempt, not thousands.
 *
 * <p>Thread-safe; the only state is the next batch size of each ReplicaSet still creating and
 * the deletes each ReplicaSet made that the cache has not shown yet.
 */
public final class ReplicaSetReconciler implements Reconciler {

    /** The condition type reported when replicas cannot be created. */
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    /** The reason of the {@code ReplicaFailure} condition when a create fails for another reason than a taken name. */
    public static final String FAILED_CREATE = "FailedCreate";

    /** The most containers one reconcile creates, for a ReplicaSet of up to 8 x this many replicas. */
    static final int BURST = 500;

    /**
     * The most containers one reconcile of a ReplicaSet of {@code replicas} creates: {@value #BURST},
     * or an eighth of the replicas if that is more. Every reconcile reads all the ReplicaSet's
     * containers, so a fixed cap would make a scale-up quadratic (a ReplicaSet of 100,000 took 200
     * reconciles of 100,000 reads each); an eighth keeps it to a few reconciles after the slow start.
     */
    static int burst(int replicas) {
        return Math.max(BURST, replicas / 8);
    }

    private static final int MAX_NAMES_IN_MESSAGE = 5;

    /** The next batch size of each ReplicaSet with containers still to create. */
    private final Map<ResourceKey, Integer> nextBatch = new ConcurrentHashMap<>();
    /**
     * The uids of the containers each ReplicaSet deleted that its last reconcile still saw
     * neither marked nor gone in the cache. Only the reconcile of that ReplicaSet touches its
     * set (the queue never runs a key twice at once); its deletes add from several threads.
     */
    private final Map<ResourceKey, Set<String>> deleted = new ConcurrentHashMap<>();

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
            deleted.remove(key);
            return Result.done();
        }
        Set<String> deletedUnseen = deleted.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        Set<String> stillUnseen = new HashSet<>();
        String prefix = rs.metadata().name() + "-";
        int replicas = rs.spec().replicas();
        BitSet present = new BitSet();
        BitSet terminating = new BitSet();
        List<Owned> extra = new ArrayList<>();
        int ready = 0;
        int available = 0;
        Instant now = context.clock().instant();
        Duration minReady = rs.spec().minReadySeconds();
        Instant nextAvailable = null;
        for (Container c : context.lister(Container.class).ownedBy(rs.metadata().uid())) {
            if (!controlledBy(c, rs)) {
                continue;
            }
            int index = indexOf(c.metadata().name(), prefix);
            boolean unseen = !c.metadata().deleting() && deletedUnseen.contains(c.metadata().uid());
            if (unseen) {
                stillUnseen.add(c.metadata().uid());
            }
            if (c.metadata().deleting() || unseen) {
                if (index >= 0) {
                    terminating.set(index); // its name is not free until it is gone
                }
            } else if (index >= 0 && index < replicas) {
                present.set(index);
                ready += c.status().ready() ? 1 : 0;
                Instant availableAt = availableAt(c, minReady);
                if (availableAt != null && !availableAt.isAfter(now)) {
                    available++;
                } else if (availableAt != null && (nextAvailable == null || availableAt.isBefore(nextAvailable))) {
                    nextAvailable = availableAt;
                }
            } else {
                extra.add(new Owned(index, c));
            }
        }
        deletedUnseen.retainAll(stillUnseen); // the others are marked or gone in the cache now
        extra.sort(Comparator.comparingInt(Owned::index).reversed());
        // A ReplicaSet being deleted manages no replicas, as Kubernetes': the garbage collector
        // deletes them (in the foreground, before the ReplicaSet), and a replacement made now
        // would outlive it.
        boolean deleting = rs.metadata().deleting();
        Map<Owned, RuntimeException> deleteFailures = AtOnce.run(deleting ? List.of() : extra, o -> {
            if (deleteIfPresent(resources, o.container(), context)) {
                deletedUnseen.add(o.container().metadata().uid());
            }
        });
        if (!deleteFailures.isEmpty()) {
            throw deleteFailures.values().iterator().next(); // the queue retries with backoff
        }
        // What to create: the indices neither present nor still held by a terminating container
        // (created once the old one is gone: its deletion enqueues this ReplicaSet).
        BitSet missing = new BitSet();
        if (!deleting) {
            missing.set(0, replicas);
            missing.andNot(present);
            missing.andNot(terminating);
        }
        int batch = Math.min(missing.cardinality(), nextBatch.getOrDefault(key, 1));
        AtomicInteger created = new AtomicInteger();
        AtomicInteger ours = new AtomicInteger(); // ours, created after the cache was read
        Set<String> taken = ConcurrentHashMap.newKeySet();
        Map<Integer, RuntimeException> failures = Map.of();
        // A name found taken does not count against the batch: the next indices are tried instead.
        int index = missing.nextSetBit(0);
        while (index >= 0 && created.get() < batch && failures.isEmpty()) {
            List<Integer> round = new ArrayList<>();
            for (; index >= 0 && round.size() < batch - created.get(); index = missing.nextSetBit(index + 1)) {
                round.add(index);
            }
            failures = AtOnce.run(round, i -> {
                try {
                    Container made = resources.create(newContainer(rs, i));
                    created.incrementAndGet();
                    context.events().normal(rs, "SuccessfulCreate", "Created container: " + made.metadata().name());
                } catch (AlreadyExistsException e) {
                    Container holder = resources.get(Container.class, rs.metadata().namespace(), prefix + i)
                            .orElse(null);
                    if (holder != null && controlledBy(holder, rs) && !holder.metadata().deleting()) {
                        ours.incrementAndGet();
                    } else if (holder != null && !controlledBy(holder, rs)) {
                        taken.add(prefix + i);
                    }
                }
            });
        }
        int existing = present.cardinality() + ours.get() + created.get();
        Map.Entry<Integer, RuntimeException> firstFailure = failures.entrySet().stream().findFirst().orElse(null);
        RuntimeException failure = firstFailure == null ? null : firstFailure.getValue();
        // Indices after this batch are still missing; taken names cannot be created now.
        boolean more = failure == null && index >= 0;
        if (more && created.get() == batch) {
            nextBatch.put(key, Math.min(burst(replicas), batch * 2));
        } else if (failure != null) {
            nextBatch.put(key, 1);
            context.events().warning(rs, FAILED_CREATE, "Error creating: " + failure.getMessage());
        } else {
            nextBatch.remove(key);
        }
        List<String> takenNames = taken.stream().sorted(Comparator.comparingInt(n -> indexOf(n, prefix))).toList();
        ReplicaSetStatus desired = new ReplicaSetStatus(existing, ready, rs.metadata().generation(),
                conditions(rs, takenNames, failure == null ? null
                        : "cannot create " + prefix + firstFailure.getKey() + ": " + failure.getMessage(), context),
                available);
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
        if (more) {
            return Result.requeueAfter(Duration.ZERO);
        }
        // No event comes when minReadySeconds pass: look again then.
        return nextAvailable == null ? Result.done() : Result.requeueAfter(Duration.between(now, nextAvailable));
    }

    /**
     * When a container becomes (or became) available: {@code minReady} after it became ready;
     * {@code null} while it is not ready. A ready container whose ready time is unknown counts
     * as available only when nothing is to be waited for.
     */
    static Instant availableAt(Container c, Duration minReady) {
        if (!c.status().ready()) {
            return null;
        }
        Instant since = c.status().readySince();
        if (since == null) {
            return minReady.isZero() ? Instant.MIN : null;
        }
        return since.plus(minReady);
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

    /**
     * Delete {@code c} (this uid only: never a newer container of the same name); false if it was
     * gone or replaced already.
     */
    private static boolean deleteIfPresent(ResourceClient resources, Container c, ReconcileContext context) {
        try {
            resources.delete(Container.class, c.metadata().namespace(), c.metadata().name(),
                    DeleteOptions.BACKGROUND.withUid(c.metadata().uid()));
            context.log().debug("deleted container {}", c.key());
            c.metadata().controller().ifPresent(owner -> context.events().record(new ObjectReference(owner.kind(),
                    c.metadata().namespace(), owner.name(), owner.uid(), Resource.API_VERSION), EventType.NORMAL,
                    "SuccessfulDelete", "Deleted container: " + c.metadata().name()));
            return true;
        } catch (NotFoundException | PreconditionFailedException e) {
            context.log().debug("container {} was gone or replaced already", c.key());
            return false;
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
