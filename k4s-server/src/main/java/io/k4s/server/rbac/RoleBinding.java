package io.k4s.server.rbac;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import java.util.Objects;

/**
 * Grant a Role of its namespace, or a ClusterRole within its namespace, to users,
 * groups or service accounts, as Kubernetes' {@code RoleBinding} ({@value RbacKinds#API_VERSION}).
 *
 * @param metadata its name and namespace
 * @param spec     the role and the subjects
 */
public record RoleBinding(ObjectMeta metadata, Binding spec) implements Resource {

    /** The kind. */
    public static final String KIND = "RoleBinding";

    /** Requires metadata and the binding. */
    public RoleBinding {
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
    public RoleBinding withMetadata(ObjectMeta metadata) {
        return new RoleBinding(metadata, spec);
    }

    /** This resource: a RoleBinding has no status. */
    @Override
    public RoleBinding withStatus(Object status) {
        return this;
    }
}
