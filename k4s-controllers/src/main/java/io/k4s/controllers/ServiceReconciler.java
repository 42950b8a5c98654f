package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keep each Service's endpoints in its status: the names of the ready containers its selector
 * matches in its namespace, sorted, with an {@code EndpointsReady} condition. A container being
 * deleted ({@code deletionTimestamp} set) leaves the endpoints at once, before its worker
 * drains, as a terminating pod leaves a Kubernetes Service.
 *
 * <p>A selector that matches no container is not an error: the condition is false with reason
 * {@code NoMatchingContainers}, and a WARN is logged once if that lasts {@link #NO_MATCH_WARNING_DELAY}
 * (a Service applied together with its ReplicaSet matches nothing for a moment); matching containers
 * none of which is ready give reason {@code NoReadyContainers}. Status is written only when it
 * changes. The router reads endpoints from status.
 *
 * <p>A changed Container enqueues every Service of its namespace (a container that stopped
 * matching must count too), but only when something a Service looks at changed: its existence,
 * labels, readiness or deletion. Status writes that only move counters therefore cost no Service
 * work.
 *
 * <p>Thread-safe.
 */
public final class ServiceReconciler implements Reconciler {

    /** The condition type this reconciler maintains. */
    public static final String ENDPOINTS_READY = "EndpointsReady";
    /** The reason when the selector matches no container. */
    public static final String NO_MATCHING_CONTAINERS = "NoMatchingContainers";
    /** The reason when matching containers exist but none is ready. */
    public static final String NO_READY_CONTAINERS = "NoReadyContainers";
    /** The reason when at least one endpoint is ready. */
    public static final String READY_CONTAINERS = "ReadyContainers";

    /** How long a selector may match nothing before that is worth a WARN. */
    public static final Duration NO_MATCH_WARNING_DELAY = Duration.ofSeconds(3);

    /** What a Service sees of a container; the name is the map key. */
    private record Seen(Map<String, String> labels, boolean ready, boolean deleting) {}

    /** The last relevant state of each container, seen by the trigger on the watch thread. */
    private final Map<ResourceKey, Seen> seen = new ConcurrentHashMap<>();
    /** Since when each Service has matched no container (not just had no ready one). */
    private final Map<ResourceKey, Instant> unmatchedSince = new ConcurrentHashMap<>();
    /** Services warned about for matching nothing, until they match again. */
    private final Set<ResourceKey> warned = ConcurrentHashMap.newKeySet();
    private final List<Trigger> triggers = List.of(new Trigger(Container.class, this::servicesFor));

    /** Create the reconciler; the manager finds it through ServiceLoader. */
    public ServiceReconciler() {
    }

    @Override
    public Class<Service> resourceType() {
        return Service.class;
    }

    @Override
    public List<Trigger> triggers() {
        return triggers;
    }

    /** The Services of a changed container's namespace, or none if nothing they look at changed. */
    Collection<ResourceKey> servicesFor(Resource changed, ResourceClient resources) {
        ResourceKey key = changed.key();
        if (changed instanceof Container c && resources.get(Container.class, key).isPresent()) {
            Seen now = new Seen(c.metadata().labels(), c.status().ready(), c.metadata().deleting());
            if (now.equals(seen.put(key, now))) {
                return List.of();
            }
        } else {
            seen.remove(key);
        }
        return resources.list(Service.class, key.namespace()).items().stream().map(Resource::key).toList();
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        ResourceClient resources = context.resources();
        Service service = resources.get(Service.class, key).orElse(null);
        if (service == null) {
            unmatchedSince.remove(key);
            warned.remove(key);
            return Result.done();
        }
        Selector selector = service.spec().selector();
        String namespace = service.metadata().namespace();
        int matching = 0;
        List<String> endpoints = new ArrayList<>();
        for (Container c : resources.list(Container.class, namespace).items()) {
            if (selector.matches(c)) {
                matching++;
                if (c.status().ready() && !c.metadata().deleting()) {
                    endpoints.add(c.metadata().name());
                }
            }
        }
        endpoints.sort(null);
        List<Condition> conditions = new ArrayList<>();
        Condition previous = null;
        for (Condition c : service.status().conditions()) {
            if (c.type().equals(ENDPOINTS_READY)) {
                previous = c;
            } else {
                conditions.add(c);
            }
        }
        Condition condition = condition(selector, namespace, matching, endpoints.size(), previous, context);
        conditions.add(condition);
        Result next = Result.done();
        if (condition.reason().equals(NO_MATCHING_CONTAINERS)) {
            Instant now = context.clock().instant();
            Duration unmatched = Duration.between(unmatchedSince.computeIfAbsent(key, k -> now), now);
            if (unmatched.compareTo(NO_MATCH_WARNING_DELAY) < 0) {
                next = Result.requeueAfter(NO_MATCH_WARNING_DELAY.minus(unmatched));
            } else if (warned.add(key)) {
                context.log().warn("Service {}: {}", key, condition.message());
            }
        } else {
            unmatchedSince.remove(key);
            warned.remove(key);
        }
        ServiceStatus desired = new ServiceStatus(endpoints, conditions, service.metadata().generation());
        if (!desired.equals(service.status())) {
            try {
                resources.updateStatus(service.withStatus(desired));
            } catch (NotFoundException e) {
                context.log().debug("Service {} was deleted while it was reconciled", key);
                return Result.requeueAfter(Duration.ZERO);
            }
        }
        return next;
    }

    private static Condition condition(Selector selector, String namespace, int matching, int ready,
                                       Condition previous, ReconcileContext context) {
        boolean status = ready > 0;
        String reason;
        String message;
        if (matching == 0) {
            reason = NO_MATCHING_CONTAINERS;
            message = "selector \"" + selector + "\" matches no container in namespace \"" + namespace
                    + "\"; check the selector, or create containers it matches";
        } else if (ready == 0) {
            reason = NO_READY_CONTAINERS;
            message = "containers match selector \"" + selector + "\" but none is ready yet";
        } else {
            reason = READY_CONTAINERS;
            message = ready + (ready == 1 ? " endpoint is" : " endpoints are") + " ready";
        }
        boolean same = previous != null && previous.status() == status && previous.lastTransitionTime() != null;
        return new Condition(ENDPOINTS_READY, status, reason, message,
                same ? previous.lastTransitionTime() : context.clock().instant());
    }
}
