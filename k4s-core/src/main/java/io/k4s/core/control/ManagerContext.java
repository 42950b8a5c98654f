package io.k4s.core.control;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.runtime.ContainerRuntime;
import java.time.Clock;
import org.slf4j.Logger;

/** What the manager hands each reconcile: shared parts and a logger named after the reconciler. */
record ManagerContext(ResourceClient resources, ContainerRuntime runtime, Clock clock, Logger log)
        implements ReconcileContext {
}
