/**
 * The k4s machinery behind one entry point, {@link io.k4s.core.K4sCluster}.
 *
 * <p>Start with {@link io.k4s.core.K4sCluster}: {@code try (var cluster = K4sCluster.start())
 * { cluster.apply(yaml); cluster.messenger().request(...); }}; {@link io.k4s.core.Rollouts}
 * ({@code cluster.rollouts()}) follows and steers Deployments' rollouts, {@link io.k4s.core.Jobs}
 * ({@code cluster.jobs()}) starts Jobs from CronJobs and waits for them. The subpackages hold the parts
 * it wires together: {@code store} (the API server), {@code manifest} (YAML in and out),
 * {@code registry} (worker discovery), {@code runtime} (containers on virtual threads),
 * {@code messaging} (the router) and {@code control} (the controller manager). Their classes
 * are public so that tests and tools can use them one at a time; only {@code K4sCluster}
 * (with {@code Rollouts} and {@code Jobs}), {@code manifest} and the records they return are
 * meant as stable API.
 */
package io.k4s.core;
