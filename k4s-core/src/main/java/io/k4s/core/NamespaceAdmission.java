package io.k4s.core;

import io.k4s.api.resource.ForbiddenException;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.Admission;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuse to create a namespaced resource in a namespace that does not exist ({@code namespaces
 * "x" not found}) or is being deleted ({@code unable to create new content in namespace x because
 * it is being terminated}), as Kubernetes' {@code NamespaceLifecycle} admission plugin. Only
 * creates are checked: updates, status writes and deletes in a terminating namespace go on, so
 * what it holds can finish. {@value ObjectMeta#DEFAULT_NAMESPACE} always exists (the namespace
 * lifecycle makes it again), so a create there is refused only while it terminates.
 */
final class NamespaceAdmission implements Admission {

    private final KindRegistry kinds;

    NamespaceAdmission(KindRegistry kinds) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    @Override
    public void admit(Resource desired, Resource stored, ResourceClient store) {
        if (stored != null || !kinds.kindOf(desired).map(ResourceKind::namespaced).orElse(true)) {
            return;
        }
        String namespace = desired.metadata().namespace();
        Optional<Namespace> ns = find(store, namespace);
        if (ns.isEmpty()) {
            if (namespace.equals(ObjectMeta.DEFAULT_NAMESPACE)) {
                return;
            }
            throw new NotFoundException(Namespace.KIND, new ResourceKey(namespace, namespace), "namespaces \""
                    + namespace + "\" not found: create the namespace first (apply a Namespace named " + namespace
                    + ", or kubectl create namespace " + namespace + ")");
        }
        if (ns.get().metadata().deleting() || ns.get().status().equals(Namespace.NamespaceStatus.TERMINATING)) {
            throw new ForbiddenException(desired.kind(), keyOf(desired), "unable to create new content in namespace "
                    + namespace + " because it is being terminated");
        }
    }

    /** The key of {@code r} for a message; its {@code generateName} while it has no name yet. */
    static ResourceKey keyOf(Resource r) {
        String name = r.metadata().name();
        return new ResourceKey(r.metadata().namespace(), name != null ? name : r.metadata().generateName());
    }

    /** The Namespace named {@code name}, whatever namespace the store files cluster-scoped objects under. */
    static Optional<Namespace> find(ResourceClient store, String name) {
        return store.list(Namespace.class, null).items().stream()
                .filter(n -> n.metadata().name().equals(name)).findFirst();
    }
}
