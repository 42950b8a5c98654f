package io.k4s.controllers;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.DaemonSet;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.PreconditionFailedException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Run one container of each DaemonSet's template on every node that should run it: a Ready node
 * with every label of the template's {@code nodeSelector}. The container of node N is named
 * {@code NAME-N}, bound to N by this controller ({@code spec.nodeName}, no scheduler) and labelled
 * with the template's hash ({@value DaemonSet#REVISION_HASH_LABEL}). A node that joins gets one;
 * the container of a node that left (deleted, NotReady, or no longer matching) is deleted.
 *
 * <p>When the template changes, {@code RollingUpdate} deletes containers of older templates, at
 * most {@code maxUnavailable} nodes at a time being without a ready container, and creates the
 * new one once the old is gone; {@code OnDelete} leaves them until they are deleted by hand.
 * Status counts desired, current, ready and updated nodes.
 *
 * <p>Runs on the elected leader; any Node change looks at every DaemonSet again.
 */
public final class DaemonSetReconciler implements Reconciler {

    /** Create the reconciler; the manager finds it through ServiceLoader. */
    public DaemonSetReconciler() {}

    @Override
    public Class<DaemonSet> resourceType() {
        return DaemonSet.class;
    }

    @Override
    public Set<Class<? extends Resource>> ownedTypes() {
        return Set.of(Container.class);
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(new Trigger(Node.class, DaemonSetReconciler::everyDaemonSet));
    }

    private static Collection<ResourceKey> everyDaemonSet(Resource changed, ResourceClient resources) {
        return resources.list(DaemonSet.class, null).items().stream().map(DaemonSet::key).toList();
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        DaemonSet ds = context.resources().get(DaemonSet.class, key).orElse(null);
        if (ds == null || ds.metadata().deleting()) {
            return Result.done();
        }
        ContainerTemplate template = ds.spec().template();
        String hash = TemplateHash.of(template, 0);
        Map<String, Node> wanted = new TreeMap<>();
        for (Node n : context.lister(Node.class).list(null)) {
            if (n.ready() && matches(template, n)) {
                wanted.put(n.metadata().name(), n);
            }
        }
        Map<String, Container> byNode = new HashMap<>();
        List<Container> strays = new ArrayList<>();
        for (Container c : context.lister(Container.class).ownedBy(ds.metadata().uid())) {
            String node = c.spec().nodeName();
            if (node == null || !wanted.containsKey(node) || !c.metadata().name().equals(ds.containerName(node))) {
                strays.add(c);
            } else {
                byNode.put(node, c);
            }
        }
        strays.forEach(c -> delete(c, ds, "its node left", context));
        boolean waiting = false;
        int unavailable = 0;
        List<Container> outdated = new ArrayList<>();
        for (String node : wanted.keySet()) {
            Container c = byNode.get(node);
            if (c == null) {
                waiting |= create(ds, template, hash, node, context);
                unavailable++;
                continue;
            }
            if (!c.status().ready() || c.metadata().deleting()) {
                unavailable++;
            }
            if (!hash.equals(c.metadata().labels().get(DaemonSet.REVISION_HASH_LABEL)) && !c.metadata().deleting()) {
                outdated.add(c);
            }
        }
        if (!ds.spec().updateStrategy().onDelete()) {
            int budget = Math.max(1, ds.spec().updateStrategy().maxUnavailable().scaled(wanted.size(), false));
            for (Container c : outdated) {
                // An unready one counts as unavailable already; replacing it costs nothing of the budget.
                boolean ready = c.status().ready();
                if (ready && unavailable >= budget) {
                    continue;
                }
                delete(c, ds, "its template is out of date", context);
                unavailable += ready ? 1 : 0;
            }
        }
        writeStatus(ds, wanted.size(), byNode.values(), hash, context);
        return waiting || !outdated.isEmpty() ? Result.requeueAfter(Duration.ofMillis(500)) : Result.done();
    }

    private static boolean matches(ContainerTemplate template, Node node) {
        return template.spec().nodeSelector().entrySet().stream()
                .allMatch(e -> e.getValue().equals(node.metadata().labels().get(e.getKey())));
    }

    /** Create the container of {@code node}; true when its name is still taken (the old one is leaving). */
    private static boolean create(DaemonSet ds, ContainerTemplate template, String hash, String node,
                                  ReconcileContext context) {
        ContainerTemplate labelled = template.withLabel(DaemonSet.REVISION_HASH_LABEL, hash);
        ObjectMeta meta = new ObjectMeta(ds.containerName(node), ds.metadata().namespace(), labelled.labels(),
                labelled.annotations(), null, 0, 0, null, List.of(OwnerReference.controlledBy(ds)));
        try {
            context.resources().create(Container.of(meta, labelled.spec().withNodeName(node)));
            context.events().normal(ds, "SuccessfulCreate", "Created container: " + meta.name() + " on node " + node);
            return false;
        } catch (AlreadyExistsException e) {
            context.log().debug("container {} still exists (being deleted); creating it once it is gone", meta.name());
            return true;
        }
    }

    private static void delete(Container c, DaemonSet ds, String why, ReconcileContext context) {
        if (c.metadata().deleting()) {
            return;
        }
        try {
            context.resources().delete(Container.class, c.metadata().namespace(), c.metadata().name(),
                    DeleteOptions.BACKGROUND.withUid(c.metadata().uid()));
            context.events().normal(ds, "SuccessfulDelete", "Deleted container: " + c.metadata().name() + " (" + why
                    + ")");
        } catch (NotFoundException | PreconditionFailedException e) {
            context.log().debug("container {} was gone or replaced already", c.key());
        }
    }

    private static void writeStatus(DaemonSet ds, int desired, Collection<Container> current, String hash,
                                    ReconcileContext context) {
        int ready = (int) current.stream().filter(c -> c.status().ready() && !c.metadata().deleting()).count();
        int updated = (int) current.stream().filter(c -> hash.equals(c.metadata().labels()
                .get(DaemonSet.REVISION_HASH_LABEL))).count();
        DaemonSet.DaemonSetStatus status = new DaemonSet.DaemonSetStatus(desired, current.size(), ready, updated,
                ds.metadata().generation());
        if (!status.equals(ds.status())) {
            try {
                context.resources().updateStatus(ds.withStatus(status));
            } catch (NotFoundException e) {
                context.log().debug("daemon set {} was deleted meanwhile", ds.key());
            }
        }
    }
}
