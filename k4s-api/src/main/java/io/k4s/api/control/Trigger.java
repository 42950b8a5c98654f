package io.k4s.api.control;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.util.Collection;
import java.util.Objects;

/**
 * Map changes of another kind to keys of a reconciler's own kind, as controller-runtime's
 * {@code EnqueueRequestsFromMapFunc} does.
 *
 * @param type   the kind to watch
 * @param mapper which keys to enqueue for a changed resource of that kind
 */
public record Trigger(Class<? extends Resource> type, KeyMapper mapper) {

    /** Requires both parts. */
    public Trigger {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapper, "mapper");
    }

    /** Compute the keys to enqueue when a watched resource changes. */
    @FunctionalInterface
    public interface KeyMapper {

        /**
         * The keys of the reconciler's kind affected by a change of {@code changed}; called on
         * the controller manager's watch thread, so keep it quick.
         */
        Collection<ResourceKey> keysFor(Resource changed, ResourceClient resources);
    }
}
