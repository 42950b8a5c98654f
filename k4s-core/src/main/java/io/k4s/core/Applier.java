package io.k4s.core;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.core.registry.WorkerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
     * Checks what the records cannot check themselves: that every worker type is registered.
     * For resources built in Java; YAML is checked by the manifest reader, with positions.
     */
    void validate(List<? extends Resource> batch, String source) {
        List<ManifestError> errors = new ArrayList<>();
        for (Resource r : batch) {
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
        for (int attempt = 0; ; attempt++) {
            Optional<R> stored = resources.get(type, desired.metadata().namespace(), desired.metadata().name());
            try {
                if (stored.isEmpty()) {
                    return resources.create(desired);
                }
                return resources.update(merge(stored.get(), desired));
            } catch (ConflictException | io.k4s.api.resource.AlreadyExistsException
                     | io.k4s.api.resource.NotFoundException e) {
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** The stored object with the user's labels, annotations and spec; system fields kept. */
    @SuppressWarnings("unchecked")
    private static <R extends Resource> R merge(R stored, R desired) {
        var meta = stored.metadata()
                .withLabels(desired.metadata().labels())
                .withAnnotations(desired.metadata().annotations());
        if (!desired.metadata().ownerReferences().isEmpty()) {
            meta = meta.withOwnerReferences(desired.metadata().ownerReferences());
        }
        Resource withSpec = switch (desired) {
            case Container c -> ((Container) stored).withSpec(c.spec());
            case ReplicaSet rs -> ((ReplicaSet) stored).withSpec(rs.spec());
            case io.k4s.api.resource.Service s -> ((io.k4s.api.resource.Service) stored).withSpec(s.spec());
            default -> throw new IllegalArgumentException("cannot apply kind " + desired.kind()
                    + ": k4s knows Container, ReplicaSet and Service");
        };
        return (R) withSpec.withMetadata(meta);
    }
}
