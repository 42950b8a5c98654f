package io.k4s.server.rbac;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import java.util.Objects;

/**
 * A set of permissions within one namespace, as Kubernetes' {@code Role} ({@value RbacKinds#API_VERSION}).
 *
 * @param metadata its name and namespace
 * @param spec     its rules
 */
public record Role(ObjectMeta metadata, Rules spec) implements Resource {

    /** The kind. */
    public static final String KIND = "Role";

    /** Requires metadata and rules. */
    public Role {
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
    public Role withMetadata(ObjectMeta metadata) {
        return new Role(metadata, spec);
    }

    /** This resource: a Role has no status. */
    @Override
    public Role withStatus(Object status) {
        return this;
    }
}
