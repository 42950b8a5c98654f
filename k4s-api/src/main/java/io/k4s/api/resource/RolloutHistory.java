package io.k4s.api.resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * List a Deployment's revisions, oldest first, and pick the template an undo returns to:
 * what {@code rollout history} prints and {@code rollout undo} applies.
 *
 * <p>A revision is a ReplicaSet the Deployment controls, numbered by its
 * {@value Deployment#REVISION_ANNOTATION} annotation; ReplicaSets without a number are left
 * out. An undo sets the Deployment's template to the chosen revision's template, which the
 * controller rolls out as a new rollout (the old ReplicaSet is reused and gets the next
 * revision number), as {@code kubectl rollout undo} does. Immutable.
 *
 * @param revisions the revisions, by number, oldest first
 */
public record RolloutHistory(List<Revision> revisions) {

    /**
     * One revision of a Deployment.
     *
     * @param number      its revision number
     * @param replicaSet  the name of its ReplicaSet
     * @param changeCause the {@value Deployment#CHANGE_CAUSE_ANNOTATION} it was rolled out with,
     *                    or empty
     * @param template    its container template, without the
     *                    {@value Deployment#TEMPLATE_HASH_LABEL} label (as a Deployment's
     *                    template is written)
     */
    public record Revision(long number, String replicaSet, String changeCause, ContainerTemplate template) {}

    /** Sorts and copies the revisions. */
    public RolloutHistory {
        revisions = revisions.stream().sorted(Comparator.comparingLong(Revision::number)).toList();
    }

    /**
     * The history of {@code deployment} from {@code replicaSets} (for example every ReplicaSet
     * of its namespace: those it does not control are skipped).
     */
    public static RolloutHistory of(Deployment deployment, Collection<ReplicaSet> replicaSets) {
        List<Revision> revisions = new ArrayList<>();
        for (ReplicaSet rs : replicaSets) {
            boolean controlled = rs.metadata().controller().map(ref -> ref.refersTo(deployment)).orElse(false);
            long number = revisionOf(rs);
            if (controlled && number > 0) {
                revisions.add(new Revision(number, rs.metadata().name(),
                        rs.metadata().annotations().getOrDefault(Deployment.CHANGE_CAUSE_ANNOTATION, ""),
                        rs.spec().template().withoutLabel(Deployment.TEMPLATE_HASH_LABEL)));
            }
        }
        return new RolloutHistory(revisions);
    }

    /** The revision number in a resource's {@value Deployment#REVISION_ANNOTATION} annotation, or 0. */
    public static long revisionOf(Resource resource) {
        String text = resource.metadata().annotations().get(Deployment.REVISION_ANNOTATION);
        if (text == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            // Someone wrote a non-number: the controller treats the ReplicaSet as unnumbered.
            return 0;
        }
    }

    /** The newest revision (the one being or last rolled out), if any. */
    public Optional<Revision> current() {
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.getLast());
    }

    /** The revision numbered {@code number}, if kept. */
    public Optional<Revision> revision(long number) {
        return revisions.stream().filter(r -> r.number() == number).findFirst();
    }

    /**
     * The revision an undo returns to: {@code toRevision}, or the one before the newest when
     * {@code toRevision} is 0.
     *
     * @throws IllegalArgumentException naming the revisions kept, if there is no such revision
     */
    public Revision undoTarget(long toRevision) {
        if (toRevision < 0) {
            throw new IllegalArgumentException("--to-revision: must not be negative, got " + toRevision);
        }
        if (toRevision == 0) {
            if (revisions.size() < 2) {
                throw new IllegalArgumentException("no previous revision to roll back to; revisions kept: "
                        + numbers());
            }
            return revisions.get(revisions.size() - 2);
        }
        return revision(toRevision).orElseThrow(() -> new IllegalArgumentException("revision " + toRevision
                + " not found; revisions kept: " + numbers()));
    }

    /**
     * {@code deployment} with the template of {@link #undoTarget undoTarget(toRevision)}: write it
     * with {@link ResourceClient#update} to roll back. The same template when it is current
     * already (nothing to roll out).
     *
     * @throws IllegalArgumentException if there is no such revision
     */
    public Deployment undo(Deployment deployment, long toRevision) {
        Revision target = undoTarget(toRevision);
        return deployment.withSpec(deployment.spec().withTemplate(target.template()));
    }

    private String numbers() {
        return revisions.isEmpty() ? "none"
                : revisions.stream().map(r -> Long.toString(r.number())).collect(Collectors.joining(", "));
    }
}
