package io.k4s.controllers;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.PreconditionFailedException;
import io.k4s.api.resource.PropagationPolicy;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Watch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A resource client over a map, for reconcilers driven step by step: the store's contract
 * (system fields, generation on spec change, conflicts, separate status, cascading delete,
 * delete preconditions and orphaning; no finalizers, so a delete removes at once) in a few lines, and a hook called after every write so tests can check invariants at each one.
 * Thread-safe (each call holds the lock; the ReplicaSet reconciler creates a batch from several
 * threads at once, and the write hook runs under the lock); watches are not offered.
 */
final class InMemoryResources implements ResourceClient {

    private record Id(Class<?> type, ResourceKey key) {}

    private final Map<Id, Resource> objects = new LinkedHashMap<>();
    private final Clock clock;
    private long revision = 100;
    private int uids;
    private Consumer<InMemoryResources> afterWrite = r -> { };

    InMemoryResources(Clock clock) {
        this.clock = clock;
    }

    /** Call {@code check} after every write. */
    void afterEveryWrite(Consumer<InMemoryResources> check) {
        this.afterWrite = check;
    }

    /** Store {@code resource} as the store would, and return it. */
    @Override
    public synchronized <R extends Resource> R create(R resource) {
        Id id = new Id(resource.getClass(), resource.key());
        if (objects.containsKey(id)) {
            throw new AlreadyExistsException(resource.kind(), resource.key());
        }
        @SuppressWarnings("unchecked")
        R stored = (R) resource.withMetadata(resource.metadata().withSystemFields("uid-" + (++uids), ++revision, 1,
                clock.instant()));
        objects.put(id, stored);
        afterWrite.accept(this);
        return stored;
    }

    @Override
    public synchronized <R extends Resource> Optional<R> get(Class<R> type, String namespace, String name) {
        return Optional.ofNullable(type.cast(objects.get(new Id(type, ResourceKey.of(namespace, name)))));
    }

    @Override
    public synchronized <R extends Resource> ResourceList<R> list(Class<R> type, String namespace, Selector selector) {
        List<R> items = new ArrayList<>();
        for (Resource r : objects.values()) {
            if (type.isInstance(r) && (namespace == null || r.metadata().namespace().equals(namespace))
                    && (selector == null || selector.matches(r))) {
                items.add(type.cast(r));
            }
        }
        items.sort(Comparator.comparing((R r) -> r.metadata().namespace()).thenComparing(r -> r.metadata().name()));
        return new ResourceList<>(items, revision);
    }

    @Override
    public synchronized <R extends Resource> R update(R resource) {
        R stored = current(resource);
        long generation = stored.metadata().generation()
                + (Objects.equals(stored.spec(), resource.spec()) ? 0 : 1);
        @SuppressWarnings("unchecked")
        R next = (R) resource.withStatus(stored.status()).withMetadata(resource.metadata().withSystemFields(
                stored.metadata().uid(), ++revision, generation, stored.metadata().creationTimestamp()));
        objects.put(new Id(resource.getClass(), resource.key()), next);
        afterWrite.accept(this);
        return next;
    }

    @Override
    public synchronized <R extends Resource> R updateStatus(R resource) {
        R stored = current(resource);
        @SuppressWarnings("unchecked")
        R next = (R) stored.withStatus(resource.status()).withMetadata(stored.metadata().withResourceVersion(++revision));
        objects.put(new Id(resource.getClass(), resource.key()), next);
        afterWrite.accept(this);
        return next;
    }

    private <R extends Resource> R current(R resource) {
        Resource stored = objects.get(new Id(resource.getClass(), resource.key()));
        if (stored == null) {
            throw new NotFoundException(resource.kind(), resource.key());
        }
        if (stored.metadata().resourceVersion() != resource.metadata().resourceVersion()) {
            throw new ConflictException(resource.kind(), resource.key(), resource.metadata().resourceVersion(),
                    stored.metadata().resourceVersion());
        }
        @SuppressWarnings("unchecked")
        R typed = (R) stored;
        return typed;
    }

    /** Remove a resource and, at once, everything it owns (the store does that in the background). */
    @Override
    public synchronized <R extends Resource> R delete(Class<R> type, String namespace, String name) {
        Resource gone = objects.remove(new Id(type, ResourceKey.of(namespace, name)));
        if (gone == null) {
            throw new NotFoundException(type.getSimpleName(), ResourceKey.of(namespace, name));
        }
        ++revision;
        for (Resource r : List.copyOf(objects.values())) {
            for (OwnerReference ref : r.metadata().ownerReferences()) {
                if (ref.refersTo(gone) && objects.containsValue(r)) {
                    delete(r.getClass(), r.metadata().namespace(), r.metadata().name());
                }
            }
        }
        afterWrite.accept(this);
        return type.cast(gone);
    }

    /**
     * Delete as {@link #delete(Class, String, String)} does, after checking the preconditions;
     * {@code Orphan} releases the dependents instead, a dry run only checks.
     */
    @Override
    public synchronized <R extends Resource> R delete(Class<R> type, String namespace, String name, DeleteOptions options) {
        ResourceKey key = ResourceKey.of(namespace, name);
        R stored = get(type, key).orElseThrow(() -> new NotFoundException(type.getSimpleName(), key));
        String problem = options.preconditions().problemWith(stored);
        if (problem != null) {
            Long expected = options.preconditions().resourceVersion();
            throw new PreconditionFailedException(stored.kind(), key, expected == null ? 0 : expected,
                    stored.metadata().resourceVersion(), problem);
        }
        if (options.dryRun()) {
            return stored;
        }
        if (options.propagationPolicy() == PropagationPolicy.ORPHAN) {
            for (Resource r : List.copyOf(objects.values())) {
                List<OwnerReference> refs = r.metadata().ownerReferences().stream()
                        .filter(ref -> !ref.refersTo(stored)).toList();
                if (refs.size() != r.metadata().ownerReferences().size()) {
                    objects.put(new Id(r.getClass(), r.key()), r.withMetadata(
                            r.metadata().withOwnerReferences(refs).withResourceVersion(++revision)));
                }
            }
        }
        return delete(type, namespace, name);
    }

    @Override
    public synchronized long resourceVersion() {
        return revision;
    }

    @Override
    public Watch watch(Class<? extends Resource> type, String namespace, long fromResourceVersion) {
        throw new UnsupportedOperationException("the in-memory test client offers no watches");
    }
}
