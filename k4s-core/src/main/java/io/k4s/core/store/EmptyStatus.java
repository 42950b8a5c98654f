package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.core.kind.KindRegistry;

/**
 * Give a freshly created resource its kind's empty status, which is what a create stores: the
 * status a kind's descriptor declares ({@code ResourceKind.emptyStatus()}). A kind without
 * status, or a type no descriptor describes, keeps the status it was created with. Stateless.
 */
final class EmptyStatus {

    private EmptyStatus() {}

    /** {@code resource} with its kind's empty status, or unchanged if its kind declares none. */
    static Resource reset(KindRegistry kinds, Resource resource) {
        return kinds.kindOf(resource)
                .filter(k -> k.emptyStatus() != null)
                .map(k -> resource.withStatus(k.emptyStatus()))
                .orElse(resource);
    }
}
