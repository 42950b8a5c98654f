package io.k4s.server.rbac;

import java.util.List;
import java.util.Objects;

/**
 * Name who a binding grants its role to, as Kubernetes' {@code Subject}.
 *
 * @param kind      {@code User}, {@code Group} or {@code ServiceAccount}
 * @param name      the user, group or service account name
 * @param namespace the service account's namespace; empty otherwise
 * @param apiGroup  {@code rbac.authorization.k8s.io} for users and groups, empty for service accounts
 */
public record Subject(String kind, String name, String namespace, String apiGroup) {

    /** The kinds of subjects. */
    public static final List<String> KINDS = List.of("User", "Group", "ServiceAccount");

    /** Requires kind and name; null strings are empty. */
    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind: expected one of " + KINDS + ", got \"" + kind + "\"");
        }
        namespace = namespace == null ? "" : namespace;
        apiGroup = apiGroup == null ? "" : apiGroup;
    }

    /** Whether this subject is the user named {@code user} or one of its {@code groups}. */
    public boolean matches(String user, List<String> groups) {
        return switch (kind) {
            case "User" -> name.equals(user);
            case "Group" -> groups.contains(name);
            default -> ("system:serviceaccount:" + namespace + ":" + name).equals(user);
        };
    }
}
