package io.k4s.server.rbac;

import java.util.List;
import java.util.Objects;

/**
 * What a RoleBinding or ClusterRoleBinding grants: its inline spec ({@code roleRef} and
 * {@code subjects} sit next to {@code metadata}, as in Kubernetes).
 *
 * @param roleRef  the role granted
 * @param subjects who it is granted to
 */
public record Binding(RoleRef roleRef, List<Subject> subjects) {

    /** Requires the role; copies the subjects. */
    public Binding {
        Objects.requireNonNull(roleRef, "roleRef");
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }

    /** Whether it grants its role to {@code user} (or one of its {@code groups}). */
    public boolean grants(String user, List<String> groups) {
        return subjects.stream().anyMatch(s -> s.matches(user, groups));
    }
}
