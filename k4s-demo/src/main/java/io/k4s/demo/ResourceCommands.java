package io.k4s.demo;

import io.k4s.api.resource.ConfigSchemas;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.Selector;
import io.k4s.core.K4sCluster;
import io.k4s.core.manifest.ManifestReader;
import io.k4s.core.schema.JsonText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Run the shell's resource commands: {@code get}, {@code describe}, {@code explain},
 * {@code apply}, {@code delete}, {@code scale} and {@code create job}, in one namespace or ({@code null}) all of
 * them, for every kind of the cluster's kind registry. Use it from one thread.
 */
final class ResourceCommands {

    private final K4sCluster cluster;
    private final PrintStream out;
    private final Listing listing;
    private final Description description;
    private final Explain explain;
    private final Manifests manifests;
    private final GetWatch watch;

    ResourceCommands(K4sCluster cluster, PrintStream out, Manifests manifests, GetWatch watch) {
        this.cluster = cluster;
        this.out = out;
        this.listing = new Listing(cluster, out);
        this.description = new Description(cluster, out);
        this.explain = new Explain(cluster.kinds(), out);
        this.manifests = manifests;
        this.watch = watch;
    }

    /** One kind and the names asked for ({@code null}: every resource of the kind). */
    private record Query(ResourceKind<?> kind, List<String> names) {}

    /**
     * {@code get KIND[,KIND] [NAME...]}, {@code get KIND/NAME...}, {@code get all},
     * {@code get deadletters}; {@code namespace} {@code null} means all namespaces.
     */
    void get(List<String> args, String namespace, Selector selector, Output output, boolean watchToo) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("say what to get: get " + cluster.kinds().pluralsAndShortNames()
                    + "|all|deadletters [NAME]");
        }
        if (DeadLetterListing.isKind(args.get(0))) {
            new DeadLetterListing(cluster, out).print(args.subList(1, args.size()), namespace);
            return;
        }
        long from = cluster.resources().resourceVersion();
        List<Query> queries = queries(args, "get");
        boolean prefix = queries.size() > 1;
        // JSON and templates print one document for everything found, as kubectl does.
        boolean document = output.template() != null || output.format() == Listing.Format.JSON;
        Listing.Style style = new Listing.Style(output.format(), prefix, namespace == null, true);
        List<Resource> all = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean printed = false;
        for (Query q : queries) {
            List<? extends Resource> items = find(q, namespace, selector, missing);
            all.addAll(items);
            if (document || items.isEmpty()) {
                continue;
            }
            if (printed) {
                out.println(output.format() == Listing.Format.YAML ? "---" : "");
            }
            printed |= listing.print(q.kind(), items, style);
        }
        boolean one = queries.size() == 1 && queries.get(0).names() != null && queries.get(0).names().size() == 1;
        if (output.template() != null) {
            String text = output.template().render(listing.generic(all, one));
            out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
        } else if (document && (!all.isEmpty() || missing.isEmpty())) {
            out.print(JsonText.writePretty(listing.generic(all, one)));
        } else if (!printed && missing.isEmpty() && !watchToo) {
            boolean anyNamespaced = queries.stream().anyMatch(q -> q.kind().namespaced());
            out.println(namespace == null || !anyNamespaced ? "No resources found."
                    : "No resources found in " + namespace + " namespace.");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", missing));
        }
        if (watchToo) {
            watch.run(queries.stream().<ResourceKind<?>>map(Query::kind).toList(), namespace, from,
                    r -> (selector == null || selector.matches(r)) && queries.stream().anyMatch(
                            q -> q.kind().type() == r.getClass()
                                    && (q.names() == null || q.names().contains(r.metadata().name()))),
                    (kind, items) -> {
                        if (output.template() != null) {
                            out.println(output.template().render(cluster.codec().toRedactedGeneric(items.get(0))));
                        } else {
                            listing.print(kind, items, new Listing.Style(style.format(), prefix,
                                    style.namespaceColumn(), false));
                        }
                    });
        }
    }

    /** The resources of {@code q} in {@code namespace}; names not found are added to {@code missing}. */
    private List<? extends Resource> find(Query q, String namespace, Selector selector, List<String> missing) {
        List<? extends Resource> items = ordered(q.kind(), cluster.resources().list(q.kind().type(), namespace,
                selector).items());
        if (q.names() == null) {
            return items;
        }
        List<Resource> named = new ArrayList<>();
        for (String name : q.names()) {
            List<? extends Resource> matches = items.stream().filter(r -> r.metadata().name().equals(name)).toList();
            if (matches.isEmpty()) {
                missing.add(notFound(q.kind(), namespace, name).getMessage());
            }
            named.addAll(matches);
        }
        return named;
    }

    /** {@code items} in the kind's order ({@link ResourceKind#order()}: Events by time), else as listed. */
    private static <R extends Resource> List<? extends Resource> ordered(ResourceKind<R> kind,
                                                                         List<? extends Resource> items) {
        return kind.order().<List<? extends Resource>>map(order -> items.stream().map(kind::cast).sorted(order)
                .toList()).orElse(items);
    }

    /** {@code describe KIND/NAME} or {@code describe KIND NAME}; every namespace's if {@code namespace} is null. */
    void describe(List<String> args, String namespace) {
        Words.Target t = Words.target(args, "describe", cluster.kinds());
        List<? extends Resource> found = cluster.resources().list(t.kind().type(), namespace).items().stream()
                .filter(r -> r.metadata().name().equals(t.name())).toList();
        if (found.isEmpty()) {
            throw notFound(t.kind(), namespace, t.name());
        }
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) {
                out.println();
            }
            description.print(found.get(i));
        }
    }

    /** {@code explain KIND[.field.path]}. */
    void explain(String path) {
        explain.explain(path);
    }

    /**
     * {@code apply -f FILE|DIR|-...}: read every manifest first (all or nothing), then create or
     * update each resource and print what happened, then wait until it settles. Resources in
     * the {@code default} namespace go to {@code namespace} when one is given.
     */
    void apply(List<String> files, String namespace, DryRun dryRun) {
        ManifestReader reader = dryRun == DryRun.CLIENT ? new ManifestReader(cluster.kinds()) : cluster.manifestReader();
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
            ManifestReader reader = dryRun == DryRun.CLIENT ? new ManifestReader(cluster.kinds()) : cluster.manifestReader();
            for (Resource r : manifests.read(reader, files)) {
                Resource target = namespace == null ? r : inNamespace(r, namespace);
                cluster.resources().get(target.getClass(), target.key()).ifPresentOrElse(targets::add,
                        () -> missing.add(notFound(cluster.kinds().kindOf(target.getClass()),
                                target.metadata().namespace(), target.metadata().name()).getMessage()));
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

    /**
     * {@code scale KIND/NAME --replicas=N} for a kind with replicas (its descriptor's scale
     * accessors): set the count, then wait until the replicas are ready and routed.
     */
    void scale(List<String> args, int replicas, String namespace, DryRun dryRun) {
        Words.Target target = Words.target(args, "scale", cluster.kinds());
        ResourceKind<?> kind = target.kind();
        if (kind.scale().isEmpty()) {
            throw new IllegalArgumentException(kind.kind() + " has no replicas to scale; kinds that scale: "
                    + String.join(", ", cluster.kinds().kinds().stream().filter(k -> k.scale().isPresent())
                            .map(ResourceKind::plural).toList()));
        }
        String ns = namespace == null ? ObjectMeta.DEFAULT_NAMESPACE : namespace;
        String scaledName = kind.singular() + "/" + target.name();
        if (dryRun.active()) {
            cluster.resources().get(kind.type(), ns, target.name())
                    .orElseThrow(() -> notFound(kind, ns, target.name()));
            out.println(scaledName + " scaled to " + replicas + dryRun.suffix());
            return;
        }
        Resource scaled = cluster.scale(kind.type(), ns, target.name(), replicas);
        out.println(scaledName + " scaled to " + replicas);
        settle(List.of(scaled));
    }

    /**
     * {@code create job NAME --from=cronjob/NAME}: a Job from the CronJob's template, now (see
     * {@link io.k4s.core.Jobs#createFromCronJob}).
     */
    void create(List<String> args, String from, String namespace) {
        Class<?> type = cluster.kinds().require(args.get(0)).type();
        if (type.equals(Namespace.class) && from == null) {
            Namespace created = cluster.resources().create(Namespace.of(args.get(1)));
            out.println(Shell.slashName(created) + " created");
            return;
        }
        if (!type.equals(Job.class) || from == null) {
            throw new IllegalArgumentException("create makes namespaces (create namespace NAME) and Jobs from CronJobs"
                    + " (create job NAME --from=cronjob/NAME); create other resources with apply -f");
        }
        Words.Target source = Words.target(List.of(from), "create job --from", cluster.kinds());
        if (!source.kind().type().equals(CronJob.class)) {
            throw new IllegalArgumentException("--from must name a CronJob (cronjob/NAME or cj/NAME), got " + from);
        }
        Job job = cluster.jobs().createFromCronJob(namespace, source.name(), args.get(1));
        out.println(Shell.slashName(job) + " created");
    }

    /** Wait until {@code changed} has settled; throws a K4sException naming what did not, on timeout. */
    void settle(List<? extends Resource> changed) {
        Readiness.await(cluster, changed, Shell.SETTLE_TIMEOUT);
    }

    /** The kinds and names of {@code KIND/NAME...} or {@code KIND[,KIND] [NAME...]}. */
    private List<Query> queries(List<String> args, String verb) {
        List<Query> queries = new ArrayList<>();
        if (args.get(0).contains("/")) {
            for (String arg : args) {
                if (!arg.contains("/")) {
                    throw new IllegalArgumentException(verb + ": \"" + arg + "\" is not KIND/NAME; write every"
                            + " target as KIND/NAME, or one KIND followed by names");
                }
                Words.Target t = Words.target(List.of(arg), verb, cluster.kinds());
                queries.add(new Query(t.kind(), List.of(t.name())));
            }
            return queries;
        }
        List<String> names = args.size() > 1 ? List.copyOf(args.subList(1, args.size())) : null;
        for (String kind : args.get(0).split(",")) {
            if (kind.equalsIgnoreCase("all")) {
                // As kubectl's category "all" (and the API server's): not Kubernetes' core-group kinds here
                // (ConfigMap, Secret, Event, Namespace), which are configuration and history, not workloads.
                cluster.kinds().kinds().stream().filter(k -> !k.apiVersion().equals(ConfigSchemas.CORE_API_VERSION))
                        .forEach(k -> queries.add(new Query(k, names)));
            } else {
                queries.add(new Query(cluster.kinds().require(kind), names));
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

    static NotFoundException notFound(ResourceKind<?> kind, String namespace, String name) {
        return new NotFoundException(kind.kind(),
                ResourceKey.of(namespace == null ? ObjectMeta.DEFAULT_NAMESPACE : namespace, name));
    }
}
