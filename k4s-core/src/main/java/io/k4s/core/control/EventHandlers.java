package io.k4s.core.control;

import io.k4s.api.control.Trigger;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.util.List;

/** Turn changes of watched resources into keys on a reconciler's queue. */
final class EventHandlers {

    private EventHandlers() {
    }

    /** Enqueue the key of each changed resource of the reconciler's own kind. */
    record OwnKeys(ControllerLoop loop) implements Informer.Listener {

        @Override
        public void onEvent(Resource resource) {
            loop.enqueue(resource.key());
        }

        @Override
        public void onRelist(List<? extends Resource> items, boolean initial) {
            items.forEach(r -> loop.enqueue(r.key()));
        }

        @Override
        public String toString() {
            return loop.name() + " (own kind)";
        }
    }

    /** Enqueue the key of the controlling owner, when it is of the reconciler's kind. */
    record OwnerKeys(ControllerLoop loop, String ownerKind) implements Informer.Listener {

        @Override
        public void onEvent(Resource resource) {
            for (OwnerReference ref : resource.metadata().ownerReferences()) {
                if (ref.controller() && ref.kind().equals(ownerKind)) {
                    loop.enqueue(new ResourceKey(resource.metadata().namespace(), ref.name()));
                    return;
                }
            }
        }

        @Override
        public void onRelist(List<? extends Resource> items, boolean initial) {
            items.forEach(this::onEvent);
        }

        @Override
        public String toString() {
            return loop.name() + " (owned kind)";
        }
    }

    /**
     * Enqueue what a trigger's mapper says; after a re-list, queue every key of the
     * reconciler's kind instead of mapping each item (cheaper, and level-triggered anyway).
     */
    record TriggerKeys(ControllerLoop loop, Trigger trigger, String triggerKind, ResourceClient resources)
            implements Informer.Listener {

        @Override
        public void onEvent(Resource resource) {
            for (ResourceKey key : trigger.mapper().keysFor(resource, resources)) {
                loop.enqueue(key);
            }
        }

        @Override
        public void onRelist(List<? extends Resource> items, boolean initial) {
            if (!initial) {
                loop.resync();
            }
        }

        @Override
        public String toString() {
            return loop.name() + " (trigger on " + triggerKind + ")";
        }
    }
}
