package io.k4s.api.resource;

import java.util.Objects;

/**
 * Run a number of identical containers and replace them without downtime when their template
 * changes: a Deployment owns one ReplicaSet per template it has run, named {@code NAME-HASH},
 * and moves containers from the old ones to the new one within its strategy's budgets.
 *
 * <p>The ReplicaSets carry their revision in the {@value #REVISION_ANNOTATION} annotation (the
 * Deployment too: its current revision), the Deployment's {@value #CHANGE_CAUSE_ANNOTATION}
 * annotation as it was when they were the new one, and a {@value #TEMPLATE_HASH_LABEL} label
 * (also on their containers) that tells the templates apart. {@link RolloutHistory} reads the
 * revisions and makes an undo.
 *
 * @param metadata name, namespace, labels and store fields
 * @param spec     replicas, template, strategy and rollout settings
 * @param status   what the Deployment controller observed; empty when null
 */
public record Deployment(ObjectMeta metadata, DeploymentSpec spec, DeploymentStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Deployment";

    /** The annotation holding a ReplicaSet's (and the Deployment's current) revision number. */
    public static final String REVISION_ANNOTATION = "k4s.io/revision";

    /**
     * The annotation saying why the template changed; copied from the Deployment to the
     * ReplicaSet of each revision, as {@code kubernetes.io/change-cause}.
     */
    public static final String CHANGE_CAUSE_ANNOTATION = "k4s.io/change-cause";

    /**
     * The label with the hash of the template, on each ReplicaSet, its template and so its
     * containers, as Kubernetes' {@code pod-template-hash}.
     */
    public static final String TEMPLATE_HASH_LABEL = "k4s.io/template-hash";

    /**
     * The template annotation {@code rollout restart} sets to the time of the restart, as
     * kubectl's {@code kubectl.kubernetes.io/restartedAt}: a template change like any other, so
     * every container is replaced by a rolling update (or Recreate) without other change.
     */
    public static final String RESTARTED_AT_ANNOTATION = "k4s.io/restartedAt";

    /**
     * The Deployment annotation that opts in to a rolling restart whenever a ConfigMap or Secret
     * its template references changes: set it to {@code "true"} (as Stakater Reloader's
     * {@code reloader.stakater.com/auto}). Kubernetes has no such field; without it a running
     * container keeps the params it started with until it restarts for another reason.
     */
    public static final String RESTART_ON_CONFIG_CHANGE_ANNOTATION = "k4s.io/restart-on-config-change";

    /**
     * The template annotation the Deployment controller sets, for a Deployment that opted in,
     * to a hash of the uid and resourceVersion of every ConfigMap and Secret the template
     * references (never of their values): a change of one changes the template, which rolls out.
     */
    public static final String CONFIG_HASH_ANNOTATION = "k4s.io/config-hash";

    /** Requires metadata and spec. */
    public Deployment {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? DeploymentStatus.EMPTY : status;
    }

    /** A new Deployment (no status yet). */
    public static Deployment of(ObjectMeta metadata, DeploymentSpec spec) {
        return new Deployment(metadata, spec, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Deployment withMetadata(ObjectMeta metadata) {
        return new Deployment(metadata, spec, status);
    }

    /** A copy with another spec. */
    public Deployment withSpec(DeploymentSpec spec) {
        return new Deployment(metadata, spec, status);
    }

    @Override
    public Deployment withStatus(Object status) {
        if (!(status instanceof DeploymentStatus s)) {
            throw new IllegalArgumentException("a Deployment's status must be a DeploymentStatus, got " + status);
        }
        return new Deployment(metadata, spec, s);
    }
}
