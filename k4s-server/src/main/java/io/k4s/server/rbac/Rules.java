package io.k4s.server.rbac;

import java.util.List;

/**
 * The rules of a Role or ClusterRole: its inline spec ({@code rules} sits next to
 * {@code metadata}, as in Kubernetes).
 *
 * @param rules what the role allows; a request is allowed if any rule allows it
 */
public record Rules(List<PolicyRule> rules) {

    /** Copies the rules; null is none. */
    public Rules {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
