/**
 * The Kubernetes-compatible API server of k4s: start with {@link io.k4s.server.K4sServer} and its
 * builder. The handlers live in {@code io.k4s.server.internal} (not API); the RBAC kinds in
 * {@link io.k4s.server.rbac}.
 */
package io.k4s.server;
