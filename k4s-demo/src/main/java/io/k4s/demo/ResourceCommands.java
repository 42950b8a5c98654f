package io.k4s.demo;

import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.K4sCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Run the shell's resource commands: {@code get}, {@code describe}, {@code explain},
 * {@code apply} and {@code delete}, in the {@code default} namespace, for every kind of the
 * cluster's kind registry. Use it from one thread.
 */
final class ResourceCommands {

    private final K4sCluster cluster;
    private final PrintStream out;
    private final Listing listing;
    private final Description description;
    private final Explain explain;

    ResourceCommands(K4sCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
        this.listing = new Listing(cluster, out);
        this.description = new Description(cluster, out);
        this.explain = new Explain(cluster.kinds(), out);
    }

    /** {@code get KIND[,KIND] [NAME] [-o yaml|json|wide|name]}, {@code get KIND/NAME}, {@code get all}. */
    void get(List<String> words) {
        Listing.Format format = Listing.Format.TABLE;
        List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-o") || w.equals("--output")) {
                if (i + 1 >= words.size()) {
                    throw new IllegalArgumentException(w + " needs a format: yaml, json, wide or name");
                }
                format = format(words.get(++i));
            } else if (w.startsWith("-o=") || w.startsWith("--output=")) {
                format = format(w.substring(w.indexOf('=') + 1));
            } else if (w.startsWith("-o") && w.length() > 2) {
                format = format(w.substring(2));
            } else {
                args.add(w);
            }
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException("say what to get: get " + cluster.kinds().pluralsAndShortNames()
                    + "|all [NAME]");
        }
        if (args.size() == 1 && args.get(0).contains("/")) {
            Words.Target t = Words.target(args, "get", cluster.kinds());
            Listing.Section found = section(t.kind(), t.name());
            if (found.items().isEmpty()) {
                throw notFound(t);
            }
            listing.print(List.of(found), format, false, true);
            return;
        }
        if (args.size() > 2) {
            throw new IllegalArgumentException("get takes a kind and at most one name, got " + String.join(" ", args));
        }
        String name = args.size() == 2 ? args.get(1) : null;
        List<ResourceKind<?>> kinds = new ArrayList<>();
        boolean all = false;
        for (String kind : args.get(0).split(",")) {
            if (kind.equalsIgnoreCase("all")) {
                all = true;
                kinds.addAll(cluster.kinds().kinds());
            } else {
                kinds.add(cluster.kinds().require(kind));
            }
        }
        List<Listing.Section> sections = kinds.stream().map(k -> section(k, name)).toList();
        if (sections.stream().allMatch(s -> s.items().isEmpty())) {
            if (name != null && kinds.size() == 1) {
                throw notFound(new Words.Target(kinds.get(0), name));
            }
            out.println("No resources found in " + ObjectMeta.DEFAULT_NAMESPACE + " namespace.");
            return;
        }
        listing.print(sections, format, all || kinds.size() > 1, name != null && kinds.size() == 1);
    }

    /** The resources of {@code kind} in the default namespace ({@code name}: only that one). */
    private Listing.Section section(ResourceKind<?> kind, String name) {
        List<? extends Resource> items = cluster.resources().list(kind.type(), ObjectMeta.DEFAULT_NAMESPACE).items()
                .stream().filter(r -> name == null || r.metadata().name().equals(name)).toList();
        return new Listing.Section(kind, items);
    }

    private static Listing.Format format(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yaml" -> Listing.Format.YAML;
            case "json" -> Listing.Format.JSON;
            case "wide" -> Listing.Format.WIDE;
            case "name" -> Listing.Format.NAME;
            default -> throw new IllegalArgumentException("unknown output format \"" + text
                    + "\"; use -o yaml, -o json, -o wide or -o name");
        };
    }

    /** {@code describe KIND/NAME} or {@code describe KIND NAME}. */
    void describe(List<String> words) {
        Words.Target t = Words.target(words, "describe", cluster.kinds());
        Resource r = cluster.resources().get(t.kind().type(), ObjectMeta.DEFAULT_NAMESPACE, t.name())
                .orElseThrow(() -> notFound(t));
        description.print(r);
    }

    /** {@code explain KIND[.field.path]}. */
    void explain(List<String> words) {
        if (words.size() != 1) {
            throw new IllegalArgumentException("explain needs one KIND or KIND.field.path, e.g. explain rs.spec.replicas");
        }
        explain.explain(words.get(0));
    }

    /** {@code apply -f FILE...}: print what was created or configured, then wait until it settles. */
    void apply(List<Path> files) {
        for (Path file : files) {
            List<Resource> desired = cluster.manifestReader().read(file);
            List<String> verbs = new ArrayList<>();
            for (Resource r : desired) {
                Optional<? extends Resource> before = cluster.resources().get(r.getClass(), r.key());
                verbs.add(before.isEmpty() ? "created"
                        : before.get().spec().equals(r.spec())
                                && before.get().metadata().labels().equals(r.metadata().labels())
                                ? "unchanged" : "configured");
            }
            List<Resource> applied = cluster.apply(desired);
            for (int i = 0; i < applied.size(); i++) {
                out.println(Shell.slashName(applied.get(i)) + " " + verbs.get(i));
            }
            settle(applied);
        }
    }

    /** {@code delete KIND/NAME}, {@code delete KIND NAME} or {@code delete -f FILE}. */
    void delete(List<String> words) {
        if (!words.isEmpty() && (words.get(0).startsWith("-f") || words.get(0).startsWith("--filename"))) {
            for (Path file : Words.files(words, "delete")) {
                List<Resource> deleted = cluster.delete(file);
                if (deleted.isEmpty()) {
                    out.println("nothing to delete: no resource of " + file + " exists");
                }
                deleted.forEach(r -> out.println(Shell.slashName(r) + " deleted"));
                Readiness.awaitGone(cluster, deleted, Shell.SETTLE_TIMEOUT);
            }
            return;
        }
        Words.Target t = Words.target(words, "delete", cluster.kinds());
        Resource deleted = cluster.delete(t.kind().type(), ObjectMeta.DEFAULT_NAMESPACE, t.name());
        out.println(Shell.slashName(deleted) + " deleted");
        Readiness.awaitGone(cluster, List.of(deleted), Shell.SETTLE_TIMEOUT);
    }

    /** Wait until {@code changed} has settled; throws a K4sException naming what did not, on timeout. */
    void settle(List<? extends Resource> changed) {
        Readiness.await(cluster, changed, Shell.SETTLE_TIMEOUT);
    }

    private static NotFoundException notFound(Words.Target t) {
        return new NotFoundException(t.kind().kind(), ResourceKey.of(ObjectMeta.DEFAULT_NAMESPACE, t.name()));
    }
}
