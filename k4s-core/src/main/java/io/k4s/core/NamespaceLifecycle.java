package io.k4s.core;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.kind.KindRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keep namespaces' life as Kubernetes' namespace controller does: every Namespace gets the
 * finalizer {@link Namespace#FINALIZER} and status {@code Active}; a deleted one is
 * {@code Terminating} while everything in it, of every namespaced kind of the cluster (plugin
 * kinds included, which is why this lives in k4s-core, next to the kind registry), is deleted,
 * and goes once nothing is left (containers drain first). {@code default} is created again if
 * it is gone. A namespace that went without the finalizer (deleted before it was added, or the
 * finalizer removed by hand) has what is left in it deleted all the same, unless a namespace of
 * that name exists again. Idempotent; one key at a time.
 */
final class NamespaceLifecycle implements Reconciler {

    /** How often a terminating namespace looks again for what is left. */
    static final Duration TERMINATING_POLL = Duration.ofMillis(50);

    private final KindRegistry kinds;

    NamespaceLifecycle(KindRegistry kinds) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    @Override
    public Class<Namespace> resourceType() {
        return Namespace.class;
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        ResourceClient store = context.resources();
        Namespace ns = store.get(Namespace.class, key).orElse(null);
        if (ns == null) {
            if (key.name().equals(ObjectMeta.DEFAULT_NAMESPACE)) {
                store.create(Namespace.of(ObjectMeta.DEFAULT_NAMESPACE));
                return Result.done();
            }
            // Gone without its finalizer (deleted before this controller added it, or the finalizer
            // was removed by hand): what is left in it goes all the same, as when it terminates.
            int left = deleteContents(store, key.name(), true);
            if (left > 0) {
                context.log().debug("namespace {} is gone; deleting the {} resources left in it", key.name(), left);
                return Result.requeueAfter(TERMINATING_POLL);
            }
            return Result.done();
        }
        if (!ns.metadata().deleting()) {
            if (!ns.metadata().finalizers().contains(Namespace.FINALIZER)) {
                List<String> finalizers = new ArrayList<>(ns.metadata().finalizers());
                finalizers.add(Namespace.FINALIZER);
                ns = store.update(ns.withMetadata(ns.metadata().withFinalizers(finalizers)));
            }
            if (!ns.status().equals(Namespace.NamespaceStatus.ACTIVE)) {
                store.updateStatus(ns.withStatus(Namespace.NamespaceStatus.ACTIVE));
            }
            return Result.done();
        }
        if (!ns.status().equals(Namespace.NamespaceStatus.TERMINATING)) {
            ns = store.updateStatus(ns.withStatus(Namespace.NamespaceStatus.TERMINATING));
        }
        String name = ns.metadata().name();
        int left = deleteContents(store, name, false);
        if (left > 0) {
            context.log().debug("namespace {} is terminating; {} resources left", name, left);
            return Result.requeueAfter(TERMINATING_POLL);
        }
        List<String> rest = new ArrayList<>(ns.metadata().finalizers());
        rest.remove(Namespace.FINALIZER);
        try {
            store.update(ns.withMetadata(ns.metadata().withFinalizers(rest)));
            context.events().normal(ns, "NamespaceDeleted", "namespace " + name + " and everything in it deleted");
        } catch (NotFoundException | ConflictException raced) {
            return Result.requeueAfter(Duration.ZERO);
        }
        if (name.equals(ObjectMeta.DEFAULT_NAMESPACE)) {
            return Result.requeueAfter(Duration.ZERO);
        }
        return Result.done();
    }

    /**
     * Delete everything in namespace {@code name}, of every namespaced kind; how many resources
     * are still there (being deleted, or draining). With {@code onlyWhileGone}, stop (returning
     * 0) as soon as a Namespace of that name exists again, so a namespace created anew keeps what
     * is put in it.
     */
    private int deleteContents(ResourceClient store, String name, boolean onlyWhileGone) {
        int left = 0;
        for (ResourceKind<?> kind : kinds.kinds()) {
            if (!kind.namespaced()) {
                continue;
            }
            if (onlyWhileGone && store.get(Namespace.class, ObjectMeta.NO_NAMESPACE, name).isPresent()) {
                return 0;
            }
            for (Resource r : store.list(kind.type(), name).items()) {
                left++;
                if (!r.metadata().deleting()) {
                    try {
                        store.delete(kind.type(), name, r.metadata().name());
                    } catch (NotFoundException gone) {
                        left--;
                    }
                }
            }
        }
        return left;
    }
}
