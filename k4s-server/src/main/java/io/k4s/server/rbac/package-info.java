/**
 * Kubernetes' RBAC kinds as k4s kinds: {@link io.k4s.server.rbac.Role},
 * {@link io.k4s.server.rbac.ClusterRole}, {@link io.k4s.server.rbac.RoleBinding} and
 * {@link io.k4s.server.rbac.ClusterRoleBinding}, registered by {@link io.k4s.server.rbac.RbacKinds};
 * {@link io.k4s.server.rbac.PolicyRule} holds the matching rules.
 */
package io.k4s.server.rbac;
