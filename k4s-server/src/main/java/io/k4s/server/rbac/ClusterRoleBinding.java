package io.k4s.server.rbac;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import java.util.Objects;

/**
 * Grant a ClusterRole in every namespace to users,
 * groups or service accounts, as Kubernetes' {@code ClusterRoleBinding} ({@value RbacKinds#API_VERSION}).
 *
 * @param metadata its name
 * @param spec     the role and the subjects
 */
public record ClusterRoleBinding(ObjectMeta metadata, Binding spec) implements Resource {

    /** The kind. */
    public static final String KIND = "ClusterRoleBinding";

    /** Requires metadata and the binding. */
    public ClusterRoleBinding {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String apiVersion() {
        return RbacKinds.API_VERSION;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** No status: {@code null}. */
    @Override
    public Object status() {
        return null;
    }

    @Override
    public ClusterRoleBinding withMetadata(ObjectMeta metadata) {
        return new ClusterRoleBinding(metadata, spec);
    }

    /** This resource: a ClusterRoleBinding has no status. */
    @Override
    public ClusterRoleBinding withStatus(Object status) {
        return this;
    }
}
