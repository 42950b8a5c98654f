package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bind each unscheduled Container ({@code spec.nodeName} absent) to a node by setting its
 * {@code spec.nodeName}: Kubernetes' scheduler and its binding, with event {@code Scheduled}.
 *
 * <p>A node fits when it is {@code Ready}, not {@code unschedulable}, has every label of the
 * container's {@code nodeSelector}, lists the container's {@code image} (if it names one) in its
 * {@code status.images}, and has room under its {@code capacity.containers}. Of
 * those it picks the one with the fewest containers of the same owner (so replicas spread
 * across nodes), then the fewest containers in all, then the first by name. A container that
 * fits nowhere stays {@code Pending}, reason {@code Unschedulable}, with a
 * {@code FailedScheduling} event naming why each node was left out (for an image the node has but
 * could not load, the Image's first problem there); any Node change (an image appearing on one
 * included), and a bound container being deleted, schedules the waiting ones again.
 *
 * <p>Runs on the elected leader only. Bindings that count (several fitting nodes, or a capacity)
 * run one at a time, so two never take the same free place; its informer cache may not show its
 * latest bindings yet, so it remembers them until the cache does (the "assumed" containers of
 * Kubernetes' scheduler). With one fitting node and no capacity it binds without counting, many
 * at once.
 */
public final class Scheduler implements Reconciler {

    /** The reason of a container that fits on no node. */
    public static final String UNSCHEDULABLE = "Unschedulable";

    /** Bindings made that the cache may not show yet: container key to node. */
    private final Map<ResourceKey, String> assumed = new ConcurrentHashMap<>();
    /** The containers that fit on no node when last looked at. */
    private final Set<ResourceKey> waiting = ConcurrentHashMap.newKeySet();

    /** Create the scheduler; the manager finds it through ServiceLoader. */
    public Scheduler() {}

    @Override
    public Class<Container> resourceType() {
        return Container.class;
    }

    /**
     * A Node's change (one joined, turned Ready, got labels or an image) schedules the unscheduled
     * containers again; so does a bound container being deleted (it frees a place) while some wait,
     * and an Image some node reports Broken (the waiting ones' messages name its problem).
     */
    @Override
    public List<Trigger> triggers() {
        return List.of(new Trigger(Node.class, Scheduler::unscheduled), new Trigger(Container.class,
                (changed, resources) -> ((Container) changed).spec().nodeName() != null
                        && changed.metadata().deleting() ? List.copyOf(waiting) : List.of()),
                new Trigger(Image.class, (changed, resources) -> ((Image) changed).status().nodes().stream()
                        .anyMatch(n -> n.phase() == ImagePhase.BROKEN) ? List.copyOf(waiting) : List.of()));
    }

    private static Collection<ResourceKey> unscheduled(Resource changed, ResourceClient resources) {
        List<ResourceKey> keys = new ArrayList<>();
        for (Container c : resources.list(Container.class, null).items()) {
            if (c.spec().nodeName() == null && !c.metadata().deleting()) {
                keys.add(c.key());
            }
        }
        return keys;
    }

    /**
     * Sixty-four, as the container reconciler, so that bindings overlap and a durable store
     * commits them together; bindings that count places (several fitting nodes, or a capacity)
     * take a lock, so each sees the places the ones before it took.
     */
    @Override
    public int concurrency() {
        return 64;
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        // Every status write of a container wakes this controller; a binding is never undone, so the cache answers those.
        if (context.lister(Container.class).get(key).filter(c -> c.spec().nodeName() != null).isPresent()) {
            assumed.remove(key);
            waiting.remove(key);
            return Result.done();
        }
        Optional<Container> found = context.resources().get(Container.class, key);
        if (found.isEmpty() || found.get().spec().nodeName() != null || found.get().metadata().deleting()) {
            assumed.remove(key);
            waiting.remove(key);
            return Result.done();
        }
        Container container = found.get();
        List<Node> nodes = new ArrayList<>(context.lister(Node.class).list(null));
        nodes.sort(Comparator.comparing(n -> n.metadata().name()));
        List<String> excluded = new ArrayList<>();
        List<Node> fitting = new ArrayList<>();
        Optional<Image> image = imageSomeNodeLacks(container, nodes, context);
        for (Node n : nodes) {
            String why = unfit(n, container);
            if (why == null) {
                why = lacksImage(n, container, image);
            }
            if (why == null) {
                fitting.add(n);
            } else {
                excluded.add(n.metadata().name() + ": " + why);
            }
        }
        if (fitting.size() == 1 && fitting.getFirst().status().capacity() == null) {
            // Nothing to count: bindings to the one node run in parallel (a durable store commits them together).
            return bind(container, fitting.getFirst().metadata().name(), context);
        }
        synchronized (this) {
            Node chosen = choose(fitting, container, context, excluded);
            if (chosen == null) {
                waiting.add(key);
                return unschedulable(container, nodes.size(), excluded, context);
            }
            return bind(container, chosen.metadata().name(), context);
        }
    }

    private Result bind(Container container, String nodeName, ReconcileContext context) {
        ResourceKey key = container.key();
        context.resources().update(container.withSpec(container.spec().withNodeName(nodeName)));
        assumed.put(key, nodeName);
        waiting.remove(key);
        context.events().normal(container, "Scheduled", "Successfully assigned " + key + " to " + nodeName);
        return Result.done();
    }

    /** Why {@code node} cannot take {@code c} whatever it runs, or {@code null}. */
    private static String unfit(Node node, Container c) {
        if (!node.ready()) {
            return "not Ready";
        }
        if (node.spec().unschedulable()) {
            return "unschedulable";
        }
        for (Map.Entry<String, String> e : c.spec().nodeSelector().entrySet()) {
            if (!e.getValue().equals(node.metadata().labels().get(e.getKey()))) {
                return "lacks the label " + e.getKey() + "=" + e.getValue() + " of the nodeSelector";
            }
        }
        return null;
    }

    /** The Image {@code c} names, read only if some node does not list it (to say why), else empty. */
    private static Optional<Image> imageSomeNodeLacks(Container c, List<Node> nodes, ReconcileContext context) {
        Optional<ImageRef> ref = c.spec().imageRef();
        if (ref.isEmpty() || nodes.stream().allMatch(n -> n.status().images().contains(ref.get().toString()))) {
            return Optional.empty();
        }
        return context.resources().get(Image.class, ObjectMeta.NO_NAMESPACE, ref.get().resourceName());
    }

    /**
     * Why {@code node} cannot start {@code c}'s image (it does not list it in its status), with the
     * problem its Image reports there if it is Broken there; {@code null} if it can or none is named.
     */
    private static String lacksImage(Node node, Container c, Optional<Image> image) {
        Optional<ImageRef> ref = c.spec().imageRef();
        if (ref.isEmpty() || node.status().images().contains(ref.get().toString())) {
            return null;
        }
        String why = "does not have image " + ref.get();
        return image.flatMap(i -> i.status().node(node.metadata().name()))
                .filter(e -> e.phase() == ImagePhase.BROKEN && !e.problems().isEmpty())
                .map(e -> why + " (Broken: " + e.problems().getFirst() + ")").orElse(why);
    }

    /** Of {@code fitting}, the node with room and the fewest of the owner's and then of all containers, or null. */
    private Node choose(List<Node> fitting, Container c, ReconcileContext context, List<String> excluded) {
        if (fitting.isEmpty()) {
            return null;
        }
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> ofOwner = new HashMap<>();
        String owner = c.metadata().controller().map(OwnerReference::uid).orElse(null);
        for (Container other : context.lister(Container.class).list(null)) {
            String node = other.spec().nodeName();
            if (node == null) {
                node = assumed.get(other.key());
            } else {
                assumed.remove(other.key());
            }
            if (node == null || other.key().equals(c.key())) {
                continue;
            }
            total.merge(node, 1, Integer::sum);
            if (owner != null && other.metadata().controller().map(OwnerReference::uid).filter(owner::equals)
                    .isPresent()) {
                ofOwner.merge(node, 1, Integer::sum);
            }
        }
        Node best = null;
        for (Node n : fitting) {
            String name = n.metadata().name();
            Integer capacity = n.status().capacity();
            if (capacity != null && total.getOrDefault(name, 0) >= capacity) {
                excluded.add(name + ": full (" + capacity + " containers)");
                continue;
            }
            if (best == null || better(n, best, ofOwner, total)) {
                best = n;
            }
        }
        return best;
    }

    private static boolean better(Node n, Node than, Map<String, Integer> ofOwner, Map<String, Integer> total) {
        String a = n.metadata().name();
        String b = than.metadata().name();
        int byOwner = Integer.compare(ofOwner.getOrDefault(a, 0), ofOwner.getOrDefault(b, 0));
        if (byOwner != 0) {
            return byOwner < 0;
        }
        return total.getOrDefault(a, 0) < total.getOrDefault(b, 0);
    }

    private static Result unschedulable(Container c, int nodes, List<String> excluded, ReconcileContext context) {
        String message = "0/" + nodes + " nodes are available" + (excluded.isEmpty() ? "" : ": "
                + String.join("; ", excluded));
        ContainerStatus s = c.status();
        if (UNSCHEDULABLE.equals(s.reason()) && message.equals(s.message())) {
            return Result.done();
        }
        context.events().warning(c, "FailedScheduling", message);
        context.resources().updateStatus(c.withStatus(new ContainerStatus(ContainerPhase.PENDING, UNSCHEDULABLE,
                message, false, s.restartCount(), null, s.counters(), s.lastError(), s.observedGeneration())));
        return Result.done();
    }
}
