package io.k4s.core;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ScaleAccessors;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.ValidationContext;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.kind.ResourceCodec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Create or update resources the way {@code kubectl apply} does: validate everything first,
 * then write each one, carrying the stored resourceVersion and retrying on conflict.
 */
final class Applier {

    private static final int MAX_CONFLICT_RETRIES = 20;

    private final ResourceClient resources;
    private final ValidationContext checks;
    private final KindRegistry kinds;
    private final ResourceCodec codec;
    private final ApplyPreflight preflight;

    Applier(ResourceClient resources, ValidationContext checks, ResourceCodec codec, ApplyPreflight preflight) {
        this.resources = resources;
        this.preflight = preflight;
        this.checks = checks;
        this.kinds = codec.kinds();
        this.codec = codec;
    }

    /**
     * Checks what the records cannot check themselves: that every kind is registered, and what
     * its schema finds (such as worker types the cluster cannot run, label keys, and the kind's
     * validation across fields). For resources built in Java; YAML is checked by the manifest
     * reader, with positions.
     */
    void validate(List<? extends Resource> batch, String source) {
        List<ManifestError> errors = new ArrayList<>();
        for (Resource r : batch) {
            Optional<ResourceKind<?>> kind = kinds.kindOf(r);
            if (kind.isEmpty()) {
                errors.add(new ManifestError(source, 0, 0, r.kind(), r.metadata().name(), "kind", "kind "
                        + r.kind() + " (" + r.getClass().getName() + ") is not registered (known kinds: "
                        + String.join(", ", kinds.names()) + "); describe it with a ResourceKind and register it"
                        + " with a KindProvider"));
                continue;
            }
            for (FieldError e : codec.validate(r, checks)) {
                errors.add(new ManifestError(source, 0, 0, r.kind(), r.metadata().name(), e.path(), e.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ManifestException(errors);
        }
    }

    /**
     * Writes every resource, Namespaces first and ResourceQuotas next ({@link ApplyPreflight}),
     * after checking that the store will admit each write; the batch must have been validated.
     *
     * @return the resources as stored, in the order of {@code batch}
     */
    List<Resource> applyAll(List<? extends Resource> batch) {
        List<? extends Resource> ordered = ApplyPreflight.ordered(batch);
        preflight.check(ordered, resources);
        Map<Resource, Resource> applied = new IdentityHashMap<>();
        for (Resource r : ordered) {
            applied.put(r, apply(r));
        }
        return batch.stream().map(applied::get).toList();
    }

    @SuppressWarnings("unchecked")
    <R extends Resource> R apply(R desired) {
        Class<R> type = (Class<R>) desired.getClass();
        if (desired.metadata().name() == null) {
            // generateName: every apply makes a new resource, as kubectl create does.
            return resources.create(desired);
        }
        ResourceKey key = desired.key();
        // NotFound too: deleted between the read and the update, so create it on the next try.
        return retryingConflicts(true, () -> {
            Optional<R> stored = resources.get(type, key);
            return stored.isEmpty() ? resources.create(desired) : resources.update(merge(stored.get(), desired));
        });
    }

    /**
     * Read {@code key}, change it with {@code change} and write it back, reading again on a
     * conflict.
     *
     * @throws NotFoundException if it does not exist
     */
    <R extends Resource> R update(Class<R> type, ResourceKey key, UnaryOperator<R> change) {
        return retryingConflicts(false, () -> resources.update(change.apply(resources.get(type, key)
                .orElseThrow(() -> new NotFoundException(kindName(type), key)))));
    }

    /**
     * Set the replica count of {@code key} through its kind's scale accessors, reading again on a
     * conflict.
     *
     * @throws IllegalArgumentException if the kind has no replicas
     * @throws NotFoundException        if it does not exist
     */
    <R extends Resource> R scale(Class<R> type, ResourceKey key, int replicas) {
        ResourceKind<R> kind = kinds.kindOf(type);
        ScaleAccessors<R> scale = kind.scale().orElseThrow(() -> new IllegalArgumentException(kind.kind()
                + " has no replicas to scale; kinds that scale: " + String.join(", ", kinds.kinds().stream()
                .filter(k -> k.scale().isPresent()).map(ResourceKind::kind).toList())));
        return update(type, key, r -> scale.withReplicas().apply(r, replicas));
    }

    private String kindName(Class<? extends Resource> type) {
        return kinds.find(type).map(ResourceKind::kind).orElse(type.getSimpleName());
    }

    /**
     * Run a read-modify-write until it does not conflict (the store changed between the read and
     * the write); AlreadyExists means it was created meanwhile, so read again too.
     */
    private static <R> R retryingConflicts(boolean retryNotFound, Supplier<R> readModifyWrite) {
        for (int attempt = 0; ; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (ConflictException | AlreadyExistsException | NotFoundException e) {
                if (attempt >= MAX_CONFLICT_RETRIES || (e instanceof NotFoundException && !retryNotFound)) {
                    throw e;
                }
            }
        }
    }

    /**
     * The stored object with the user's labels, annotations, owners and spec; the store keeps
     * the system fields and the stored status on update, so any kind works.
     */
    @SuppressWarnings("unchecked")
    private static <R extends Resource> R merge(R stored, R desired) {
        var meta = stored.metadata()
                .withLabels(desired.metadata().labels())
                .withAnnotations(desired.metadata().annotations());
        if (!desired.metadata().ownerReferences().isEmpty()) {
            meta = meta.withOwnerReferences(desired.metadata().ownerReferences());
        }
        return (R) desired.withMetadata(meta);
    }
}
