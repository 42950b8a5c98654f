package io.k4s.core.kind;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import java.util.List;

/** Paints widgets: the reconciler that goes with the test kind, written against k4s-api only. */
final class WidgetReconciler implements Reconciler {

    @Override
    public Class<? extends Resource> resourceType() {
        return TestKinds.Widget.class;
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        context.resources().get(TestKinds.Widget.class, key).ifPresent(w -> context.resources().updateStatus(
                w.withStatus(new TestKinds.WidgetStatus(w.spec().replicas(), true, List.of()))));
        return Result.done();
    }
}
