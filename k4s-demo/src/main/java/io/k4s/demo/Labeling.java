package io.k4s.demo;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ResourceNames;
import io.k4s.api.resource.Selector;
import io.k4s.core.K4sCluster;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run {@code label} and {@code annotate}: set ({@code key=value}) or remove ({@code key-})
 * labels or annotations of the resources named, selected ({@code -l}) or all of a kind
 * ({@code --all}). Changing an existing value needs {@code --overwrite}, as in kubectl. Every
 * change is checked before any is written. Use it from one thread.
 */
final class Labeling {

    private static final int MAX_CONFLICT_RETRIES = 20;

    /** Which map of the metadata a command changes. */
    enum Field {
        LABELS("label", "labeled"), ANNOTATIONS("annotate", "annotated");

        private final String verb;
        private final String done;

        Field(String verb, String done) {
            this.verb = verb;
            this.done = done;
        }
    }

    private final K4sCluster cluster;
    private final PrintStream out;
    private final ResourceCommands resources;

    Labeling(K4sCluster cluster, PrintStream out, ResourceCommands resources) {
        this.cluster = cluster;
        this.out = out;
        this.resources = resources;
    }

    /**
     * {@code label|annotate KIND NAME... | KIND/NAME... | KIND -l SEL | KIND --all KEY=VALUE... KEY-...}.
     *
     * @param words     the targets followed by the changes
     * @param namespace the namespace ({@code null}: all)
     */
    void change(Field field, List<String> words, String namespace, Selector selector, boolean all,
                boolean overwrite, DryRun dryRun) {
        List<String> targets = new ArrayList<>();
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (String w : words) {
            if (w.contains("=")) {
                String key = w.substring(0, w.indexOf('='));
                String value = w.substring(w.indexOf('=') + 1);
                check(field, key, value);
                set.put(key, value);
            } else if (w.endsWith("-") && !targets.isEmpty()) {
                String key = w.substring(0, w.length() - 1);
                check(field, key, "");
                remove.add(key);
            } else {
                targets.add(w);
            }
        }
        if (targets.isEmpty() || set.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException(field.verb + " needs what and how, e.g. " + field.verb
                    + " rs/calc team=blue, " + field.verb + " ctr -l app=calc team=blue, or " + field.verb
                    + " svc/calc team- to remove");
        }
        List<Resource> chosen = targets(targets, namespace, selector, all, field.verb);
        List<Resource> changed = new ArrayList<>();
        for (Resource r : chosen) {
            Map<String, String> current = field == Field.LABELS ? r.metadata().labels() : r.metadata().annotations();
            for (Map.Entry<String, String> e : set.entrySet()) {
                String before = current.get(e.getKey());
                if (before != null && !before.equals(e.getValue()) && !overwrite) {
                    throw new IllegalArgumentException(Shell.slashName(r) + ": " + e.getKey() + " already has the value "
                            + before + "; add --overwrite to change it (nothing was changed)");
                }
            }
        }
        for (Resource r : chosen) {
            Resource after = dryRun.active() ? r : write(field, r, set, remove);
            boolean differs = after != r || !withChanges(current(field, r), set, remove).equals(current(field, r));
            out.println(Shell.slashName(r) + (differs ? " " + field.done : " not " + field.done) + dryRun.suffix());
            if (!dryRun.active() && after != r) {
                changed.add(after);
            }
        }
        // A label decides which services route to a container: let routing follow before the next line.
        resources.settle(changed);
    }

    private List<Resource> targets(List<String> targets, String namespace, Selector selector, boolean all,
                                   String verb) {
        String ns = namespace;
        List<Resource> chosen = new ArrayList<>();
        if (targets.get(0).contains("/")) {
            if (selector != null || all) {
                throw new IllegalArgumentException(verb + " takes KIND/NAME, or KIND with -l or --all; not both");
            }
            for (String t : targets) {
                Words.Target target = Words.target(List.of(t), verb, cluster.kinds());
                chosen.add(one(target.kind(), ns, target.name()));
            }
            return chosen;
        }
        ResourceKind<?> kind = cluster.kinds().require(targets.get(0));
        List<String> names = targets.subList(1, targets.size());
        if (names.isEmpty() == (selector == null && !all)) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("say which ones: " + verb + " " + targets.get(0)
                        + " NAME, -l KEY=VALUE or --all");
            }
            throw new IllegalArgumentException(verb + " takes names, or -l SELECTOR, or --all; not several of them");
        }
        if (!names.isEmpty()) {
            names.forEach(n -> chosen.add(one(kind, ns, n)));
        } else {
            chosen.addAll(cluster.resources().list(kind.type(), ns, selector).items());
        }
        return chosen;
    }

    private Resource one(ResourceKind<?> kind, String namespace, String name) {
        String ns = namespace == null ? ObjectMeta.DEFAULT_NAMESPACE : namespace;
        return cluster.resources().get(kind.type(), ns, name)
                .orElseThrow(() -> ResourceCommands.notFound(kind, ns, name));
    }

    /** Write the change, reading again on a conflict; return {@code r} itself if nothing changes. */
    private Resource write(Field field, Resource r, Map<String, String> set, List<String> remove) {
        Resource current = r;
        for (int attempt = 0; ; attempt++) {
            Map<String, String> before = current(field, current);
            Map<String, String> after = withChanges(before, set, remove);
            if (after.equals(before)) {
                return r;
            }
            ObjectMeta m = field == Field.LABELS ? current.metadata().withLabels(after)
                    : current.metadata().withAnnotations(after);
            try {
                return cluster.resources().update(current.withMetadata(m));
            } catch (ConflictException e) {
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
                current = one(cluster.kinds().kindOf(r.getClass()), r.metadata().namespace(), r.metadata().name());
            }
        }
    }

    private static Map<String, String> current(Field field, Resource r) {
        return field == Field.LABELS ? r.metadata().labels() : r.metadata().annotations();
    }

    private static Map<String, String> withChanges(Map<String, String> before, Map<String, String> set,
                                                   List<String> remove) {
        Map<String, String> after = new LinkedHashMap<>(before);
        after.putAll(set);
        remove.forEach(after::remove);
        return after;
    }

    private static void check(Field field, String key, String value) {
        String problem = ResourceNames.labelProblem(key, field == Field.LABELS ? value : "");
        if (problem != null) {
            throw new IllegalArgumentException(field == Field.LABELS ? problem
                    : problem.replace("label key", "annotation key"));
        }
    }
}
