package io.k4s.demo;

import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.core.K4sCluster;
import io.k4s.core.manifest.ManifestReader;
import io.k4s.core.manifest.ResourceKinds;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Run the shell's resource commands: {@code get}, {@code describe}, {@code apply},
 * {@code delete} and {@code scale}, in one namespace or ({@code null}) all of them. Use it from
 * one thread.
 */
final class ResourceCommands {

    private final K4sCluster cluster;
    private final PrintStream out;
    private final Listing listing;
    private final Description description;
    private final Manifests manifests;
    private final GetWatch watch;

    ResourceCommands(K4sCluster cluster, PrintStream out, Manifests manifests, GetWatch watch) {
        this.cluster = cluster;
        this.out = out;
        this.listing = new Listing(cluster, out);
        this.description = new Description(cluster, out);
        this.manifests = manifests;
        this.watch = watch;
    }

    /** One kind and the names asked for ({@code null}: every resource of the kind). */
    private record Query(Class<? extends Resource> type, List<String> names) {}

    /**
     * {@code get KIND[,KIND] [NAME...]}, {@code get KIND/NAME...}, {@code get all},
     * {@code get deadletters}; {@code namespace} {@code null} means all namespaces.
     */
    void get(List<String> args, String namespace, Selector selector, Output output, boolean watchToo) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("say what to get: get containers|replicasets|services|all|deadletters [NAME]");
        }
        if (DeadLetterListing.isKind(args.get(0))) {
            new DeadLetterListing(cluster, out).print(args.subList(1, args.size()), namespace);
            return;
        }
        long from = cluster.resources().resourceVersion();
        List<Query> queries = queries(args, "get");
        boolean prefix = queries.size() > 1;
        Listing.Style style = new Listing.Style(output.format(), prefix, namespace == null, true);
        List<Resource> all = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean printed = false;
        for (Query q : queries) {
            List<? extends Resource> items = find(q, namespace, selector, missing);
            all.addAll(items);
            if (output.template() != null || items.isEmpty()) {
                continue;
            }
            if (printed) {
                out.println(output.format() == Listing.Format.YAML ? "---" : "");
            }
            printed |= listing.print(q.type(), items, style);
        }
        if (output.template() != null) {
            boolean one = all.size() == 1 && queries.size() == 1 && queries.get(0).names() != null
                    && queries.get(0).names().size() == 1;
            String text = output.template().render(one ? GenericForm.of(all.get(0)) : GenericForm.list(all));
            out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
        } else if (!printed && missing.isEmpty() && !watchToo) {
            out.println(namespace == null ? "No resources found." : "No resources found in " + namespace + " namespace.");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", missing));
        }
        if (watchToo) {
            watch.run(queries.stream().<Class<? extends Resource>>map(Query::type).toList(), namespace, from,
                    r -> (selector == null || selector.matches(r)) && queries.stream().anyMatch(q -> q.type() == r.getClass()
                            && (q.names() == null || q.names().contains(r.metadata().name()))),
                    (type, items) -> {
                        if (output.template() != null) {
                            out.println(output.template().render(GenericForm.of(items.get(0))));
                        } else {
                            listing.print(type, items, new Listing.Style(style.format(), prefix,
                                    style.namespaceColumn(), false));
                        }
                    });
        }
    }

    /** The resources of {@code q} in {@code namespace}; names not found are added to {@code missing}. */
    private List<? extends Resource> find(Query q, String namespace, Selector selector, List<String> missing) {
        List<? extends Resource> items = cluster.resources().list(q.type(), namespace, selector).items();
        if (q.names() == null) {
            return items;
        }
        List<Resource> named = new ArrayList<>();
        for (String name : q.names()) {
            List<? extends Resource> matches = items.stream().filter(r -> r.metadata().name().equals(name)).toList();
            if (matches.isEmpty()) {
                missing.add(notFound(q.type(), namespace, name).getMessage());
            }
            named.addAll(matches);
        }
        return named;
    }

    /** {@code describe KIND/NAME} or {@code describe KIND NAME}; every namespace's if {@code namespace} is null. */
    void describe(List<String> args, String namespace) {
        Words.Target t = Words.target(args, "describe");
        List<? extends Resource> found = cluster.resources().list(t.type(), namespace).items().stream()
                .filter(r -> r.metadata().name().equals(t.name())).toList();
        if (found.isEmpty()) {
            throw notFound(t.type(), namespace, t.name());
        }
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) {
                out.println();
            }
            description.print(found.get(i));
        }
    }

    /**
     * {@code apply -f FILE|DIR|-...}: read every manifest first (all or nothing), then create or
     * update each resource and print what happened, then wait until it settles. Resources in
     * the {@code default} namespace go to {@code namespace} when one is given.
     */
    void apply(List<String> files, String namespace, DryRun dryRun) {
        ManifestReader reader = dryRun == DryRun.CLIENT ? new ManifestReader() : cluster.manifestReader();
        List<Resource> desired = new ArrayList<>();
        for (Resource r : manifests.read(reader, files)) {
            desired.add(namespace == null ? r : inNamespace(r, namespace));
        }
        List<String> verbs = new ArrayList<>();
        for (Resource r : desired) {
            Optional<? extends Resource> before = cluster.resources().get(r.getClass(), r.key());
            verbs.add(before.isEmpty() ? "created"
                    : before.get().spec().equals(r.spec())
                            && before.get().metadata().labels().equals(r.metadata().labels())
                            && before.get().metadata().annotations().equals(r.metadata().annotations())
                            ? "unchanged" : "configured");
        }
        List<Resource> applied = dryRun.active() ? desired : cluster.apply(desired);
        for (int i = 0; i < applied.size(); i++) {
            out.println(Shell.slashName(applied.get(i)) + " " + verbs.get(i) + dryRun.suffix());
        }
        if (!dryRun.active()) {
            settle(applied);
        }
    }

    /**
     * {@code delete KIND/NAME...}, {@code delete KIND NAME...}, {@code delete KIND -l SEL},
     * {@code delete KIND --all} or {@code delete -f FILE|DIR|-}: print what was deleted, then
     * wait until it and what it owned are gone (by uid: a ReplicaSet recreates a deleted
     * container under the same name at once).
     */
    void delete(List<String> args, List<String> files, String namespace, Selector selector, boolean all,
                DryRun dryRun) {
        List<Resource> targets = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (!files.isEmpty()) {
            if (!args.isEmpty() || selector != null || all) {
                throw new IllegalArgumentException("delete -f takes no KIND, NAME, -l or --all besides the files");
            }
            ManifestReader reader = dryRun == DryRun.CLIENT ? new ManifestReader() : cluster.manifestReader();
            for (Resource r : manifests.read(reader, files)) {
                Resource target = namespace == null ? r : inNamespace(r, namespace);
                cluster.resources().get(target.getClass(), target.key()).ifPresentOrElse(targets::add,
                        () -> missing.add(notFound(target.getClass(), target.metadata().namespace(),
                                target.metadata().name()).getMessage()));
            }
        } else {
            if (args.isEmpty()) {
                throw new IllegalArgumentException("say what to delete: delete KIND/NAME, delete KIND -l KEY=VALUE,"
                        + " delete KIND --all or delete -f FILE");
            }
            List<Query> queries = queries(args, "delete");
            boolean named = queries.stream().anyMatch(q -> q.names() != null);
            if (named && (all || selector != null)) {
                throw new IllegalArgumentException("delete takes names, or -l SELECTOR, or --all; not several of them");
            }
            if (!named && !all && selector == null) {
                throw new IllegalArgumentException("say which ones: delete " + args.get(0)
                        + " NAME, -l KEY=VALUE, or --all to delete every one");
            }
            for (Query q : queries) {
                targets.addAll(find(q, namespace, selector, missing));
            }
        }
        Set<String> uids = Readiness.uidsOf(cluster, targets);
        Set<String> namespaces = new LinkedHashSet<>();
        for (Resource r : targets) {
            if (!dryRun.active()) {
                try {
                    cluster.delete(r.getClass(), r.metadata().namespace(), r.metadata().name());
                } catch (NotFoundException gone) {
                    continue; // deleted meanwhile (for example by its owner's garbage collection)
                }
            }
            namespaces.add(r.metadata().namespace());
            out.println(Shell.slashName(r) + " deleted" + dryRun.suffix());
        }
        if (targets.isEmpty() && missing.isEmpty()) {
            out.println(namespace == null ? "No resources found." : "No resources found in " + namespace + " namespace.");
        }
        if (!dryRun.active()) {
            Readiness.awaitGone(cluster, uids, namespaces, Shell.SETTLE_TIMEOUT);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", missing));
        }
    }

    /** {@code scale rs/NAME --replicas=N}: set the count, then wait until the replicas are ready and routed. */
    void scale(List<String> args, int replicas, String namespace, DryRun dryRun) {
        Words.Target target = Words.target(args, "scale");
        if (target.type() != ReplicaSet.class) {
            throw new IllegalArgumentException("only ReplicaSets scale; use scale rs/NAME --replicas=N");
        }
        String ns = namespace == null ? ObjectMeta.DEFAULT_NAMESPACE : namespace;
        if (dryRun.active()) {
            cluster.resources().get(ReplicaSet.class, ns, target.name())
                    .orElseThrow(() -> notFound(ReplicaSet.class, ns, target.name()));
            out.println("replicaset/" + target.name() + " scaled to " + replicas + dryRun.suffix());
            return;
        }
        ReplicaSet scaled = cluster.scale(ns, target.name(), replicas);
        out.println("replicaset/" + target.name() + " scaled to " + replicas);
        settle(List.of(scaled));
    }

    /** Wait until {@code changed} has settled; throws a K4sException naming what did not, on timeout. */
    void settle(List<? extends Resource> changed) {
        Readiness.await(cluster, changed, Shell.SETTLE_TIMEOUT);
    }

    /** The kinds and names of {@code KIND/NAME...} or {@code KIND[,KIND] [NAME...]}. */
    private static List<Query> queries(List<String> args, String verb) {
        List<Query> queries = new ArrayList<>();
        if (args.get(0).contains("/")) {
            for (String arg : args) {
                if (!arg.contains("/")) {
                    throw new IllegalArgumentException(verb + ": \"" + arg + "\" is not KIND/NAME; write every"
                            + " target as KIND/NAME, or one KIND followed by names");
                }
                Words.Target t = Words.target(List.of(arg), verb);
                queries.add(new Query(t.type(), List.of(t.name())));
            }
            return queries;
        }
        List<String> names = args.size() > 1 ? List.copyOf(args.subList(1, args.size())) : null;
        for (String kind : args.get(0).split(",")) {
            if (kind.equalsIgnoreCase("all")) {
                Shell.allKinds().forEach(k -> queries.add(new Query(k, names)));
            } else {
                queries.add(new Query(ResourceKinds.require(kind), names));
            }
        }
        return queries;
    }

    /** {@code r} moved to {@code namespace} if it is in {@code default} (where a manifest without one lands). */
    static Resource inNamespace(Resource r, String namespace) {
        ObjectMeta m = r.metadata();
        if (!m.namespace().equals(ObjectMeta.DEFAULT_NAMESPACE) || namespace.equals(m.namespace())) {
            return r;
        }
        return r.withMetadata(new ObjectMeta(m.name(), namespace, m.labels(), m.annotations(), m.uid(),
                m.resourceVersion(), m.generation(), m.creationTimestamp(), m.ownerReferences(), m.generateName(),
                m.deletionTimestamp(), m.deletionGracePeriodSeconds(), m.finalizers()));
    }

    static NotFoundException notFound(Class<? extends Resource> type, String namespace, String name) {
        return new NotFoundException(ResourceKinds.kindOf(type),
                ResourceKey.of(namespace == null ? ObjectMeta.DEFAULT_NAMESPACE : namespace, name));
    }
}
