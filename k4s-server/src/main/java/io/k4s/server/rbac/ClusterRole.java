package io.k4s.server.rbac;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import java.util.Objects;

/**
 * A set of permissions across the cluster (and on non-resource paths such as {@code /metrics}),
 * granted by ClusterRoleBindings or, in one namespace, by RoleBindings, as Kubernetes'
 * {@code ClusterRole} ({@value RbacKinds#API_VERSION}).
 *
 * @param metadata its name
 * @param spec     its rules
 */
public record ClusterRole(ObjectMeta metadata, Rules spec) implements Resource {

    /** The kind. */
    public static final String KIND = "ClusterRole";

    /** Requires metadata and rules. */
    public ClusterRole {
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
    public ClusterRole withMetadata(ObjectMeta metadata) {
        return new ClusterRole(metadata, spec);
    }

    /** This resource: a ClusterRole has no status. */
    @Override
    public ClusterRole withStatus(Object status) {
        return this;
    }
}
