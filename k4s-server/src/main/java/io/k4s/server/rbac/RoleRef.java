package io.k4s.server.rbac;

import java.util.Objects;

/**
 * Name the role a binding grants, as Kubernetes' {@code RoleRef}.
 *
 * @param apiGroup {@code rbac.authorization.k8s.io}
 * @param kind     {@code Role} (a RoleBinding's own namespace) or {@code ClusterRole}
 * @param name     the role's name
 */
public record RoleRef(String apiGroup, String kind, String name) {

    /** Requires kind and name. */
    public RoleRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
            throw new IllegalArgumentException("kind: expected Role or ClusterRole, got \"" + kind + "\"");
        }
        apiGroup = apiGroup == null || apiGroup.isEmpty() ? RbacKinds.GROUP : apiGroup;
    }
}
