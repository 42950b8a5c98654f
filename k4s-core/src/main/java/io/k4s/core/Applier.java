package io.k4s.core;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceNames;
import io.k4s.core.manifest.ResourceKinds;
import io.k4s.core.registry.WorkerRegistry;
import java.util.ArrayList;
import java.util.List;
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
    private final WorkerRegistry registry;

    Applier(ResourceClient resources, WorkerRegistry registry) {
        this.resources = resources;
        this.registry = registry;
    }

    /**
     * Checks what the records cannot check themselves: that every worker type is registered,
     * and that a ReplicaSet's name leaves room for its containers' indices. For resources built
     * in Java; YAML is checked by the manifest reader, with positions.
     */
    void validate(List<? extends Resource> batch, String source) {
        List<ManifestError> errors = new ArrayList<>();
        for (Resource r : batch) {
            String nameProblem = r instanceof ReplicaSet ? ResourceNames.replicaSetNameProblem(r.metadata().name())
                    : null;
            if (nameProblem != null) {
                errors.add(new ManifestError(source, 0, 0, r.kind(), r.metadata().name(), "metadata.name", nameProblem));
            }
            String worker = switch (r) {
                case Container c -> c.spec().worker();
                case ReplicaSet rs -> rs.spec().template().spec().worker();
                default -> null;
            };
            String field = r instanceof ReplicaSet ? "spec.template.spec.worker" : "spec.worker";
            String problem = worker == null ? null : registry.problem(worker);
            if (problem != null) {
                errors.add(new ManifestError(source, 0, 0, r.kind(), r.metadata().name(), field, problem));
            }
        }
        if (!errors.isEmpty()) {
            throw new ManifestException(errors);
        }
    }

    /** Writes every resource; the batch must have been validated. */
    List<Resource> applyAll(List<? extends Resource> batch) {
        List<Resource> applied = new ArrayList<>(batch.size());
        for (Resource r : batch) {
            applied.add(apply(r));
        }
        return applied;
    }

    @SuppressWarnings("unchecked")
    <R extends Resource> R apply(R desired) {
        Class<R> type = (Class<R>) desired.getClass();
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
                .orElseThrow(() -> new NotFoundException(ResourceKinds.kindOf(type), key)))));
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
