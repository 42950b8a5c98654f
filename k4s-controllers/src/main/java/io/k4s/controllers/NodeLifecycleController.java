package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.Lease;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turn a node whose {@link Lease} is not renewed within its duration {@code NotReady}
 * ({@code Ready=Unknown}, reason {@code NodeStatusUnknown}, event {@code NodeNotReady}) and
 * delete its containers, so that their owners recreate them and the scheduler binds them to
 * other nodes: Kubernetes' node lifecycle controller, with the eviction right after the lease
 * runs out.
 *
 * <p>Deleting is forced, as {@code kubectl delete --force}: the dead node's agent cannot stop
 * its containers and remove their finalizer, so this controller removes it. A node that comes
 * back stops what it still runs of them (they are gone from the store) and reports Ready again.
 *
 * <p>A node without a Lease (one JVM whose store no other JVM shares registers none) is never
 * timed out. The lease's renewals are timed by this controller's own clock when it sees them change,
 * not by the {@code renewTime} a node wrote (as Kubernetes' probe timestamps), so clocks of
 * different machines need not agree; a new leader gives every node one lease duration from
 * when it first sees it. When no node is Ready at all, nothing is deleted (Kubernetes' full
 * disruption mode): there is nowhere to recreate the containers, and in one JVM the one node
 * only looks dead when its heartbeat was held up.
 *
 * <p>Runs on the elected leader only.
 */
public final class NodeLifecycleController implements Reconciler {

    /** The reason of a node whose lease ran out. */
    public static final String NODE_STATUS_UNKNOWN = "NodeStatusUnknown";

    /** When this controller saw each node's lease renewed last: node name to (renewTime seen, when). */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(Instant renewTime, Instant at) {}

    /** Create the controller; the manager finds it through ServiceLoader. */
    public NodeLifecycleController() {}

    @Override
    public Class<Node> resourceType() {
        return Node.class;
    }

    /** A renewal of a node's lease looks at that node. */
    @Override
    public List<Trigger> triggers() {
        return List.of(new Trigger(Lease.class, NodeLifecycleController::nodeOf));
    }

    private static Collection<ResourceKey> nodeOf(Resource lease, ResourceClient resources) {
        if (!Lease.NODE_LEASE_NAMESPACE.equals(lease.metadata().namespace())) {
            return List.of();
        }
        return resources.get(Node.class, null, lease.metadata().name()).map(n -> List.of(n.key())).orElse(List.of());
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        Node node = context.resources().get(Node.class, key).orElse(null);
        if (node == null) {
            seen.remove(key.name());
            return Result.done();
        }
        Lease lease = context.resources().get(Lease.class, Lease.NODE_LEASE_NAMESPACE, key.name()).orElse(null);
        if (lease == null) {
            // The node of a JVM whose store no other JVM shares: nobody could see it stop.
            seen.remove(key.name());
            return Result.done();
        }
        Instant now = context.clock().instant();
        Instant renewed = lease.spec().renewTime();
        Seen last = seen.compute(key.name(), (name, was) -> was != null && Objects.equals(was.renewTime(), renewed)
                ? was : new Seen(renewed, now));
        Duration duration = lease.spec().duration();
        Instant expiry = last.at().plus(duration);
        if (now.isBefore(expiry)) {
            return Result.requeueAfter(Duration.between(now, expiry).plusMillis(50));
        }
        if (node.status().condition(Node.READY).map(c -> c.status() != Node.NodeCondition.Status.UNKNOWN).orElse(true)) {
            String message = "the node stopped renewing its lease: none for " + Duration.between(last.at(), now).toMillis()
                    + " ms, its lease lasts " + duration.toSeconds() + " s";
            context.resources().updateStatus(node.withStatus(node.status().with(new Node.NodeCondition(Node.READY,
                    Node.NodeCondition.Status.UNKNOWN, NODE_STATUS_UNKNOWN, message,
                    node.status().condition(Node.READY).map(Node.NodeCondition::lastHeartbeatTime).orElse(null), now))));
            context.events().warning(node, "NodeNotReady", "Node " + key.name() + " status is now: NodeNotReady ("
                    + message + ")");
        }
        evict(key.name(), context);
        return Result.requeueAfter(duration);
    }

    /** Delete the containers bound to {@code nodeName} by force, unless no node is Ready to take them. */
    private static void evict(String nodeName, ReconcileContext context) {
        ResourceClient resources = context.resources();
        if (resources.list(Node.class, null).items().stream().noneMatch(Node::ready)) {
            context.log().warn("node {} is not ready, but no node is: its containers stay (full disruption)", nodeName);
            return;
        }
        List<Container> bound = new ArrayList<>();
        for (Container c : resources.list(Container.class, null).items()) {
            if (nodeName.equals(c.spec().nodeName())) {
                bound.add(c);
            }
        }
        for (Container c : bound) {
            try {
                if (!c.metadata().deleting()) {
                    context.events().warning(c, "NodeNotReady", "Deleting container " + c.key() + ": its node "
                            + nodeName + " is not ready; its owner recreates it on another node");
                    c = resources.delete(Container.class, c.metadata().namespace(), c.metadata().name(),
                            DeleteOptions.BACKGROUND.withGracePeriodSeconds(0));
                }
                if (c != null && c.metadata().finalizers().contains(ContainerReconciler.FINALIZER)) {
                    List<String> rest = new ArrayList<>(c.metadata().finalizers());
                    rest.remove(ContainerReconciler.FINALIZER);
                    resources.update(c.withMetadata(c.metadata().withFinalizers(rest)));
                }
            } catch (NotFoundException e) {
                context.log().debug("container {} of node {} is gone already", c.key(), nodeName);
            }
        }
    }
}
