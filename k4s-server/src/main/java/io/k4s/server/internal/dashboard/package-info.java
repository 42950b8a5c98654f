/**
 * The web dashboard at {@code /}: static ES modules, HTML and CSS shipped as class path resources
 * under {@code io/k4s/server/dashboard/} and served by {@link
 * io.k4s.server.internal.dashboard.DashboardHandler}. The page holds no private back door: it
 * reads and acts through the same Kubernetes API (and the same tokens) as kubectl.
 */
package io.k4s.server.internal.dashboard;
