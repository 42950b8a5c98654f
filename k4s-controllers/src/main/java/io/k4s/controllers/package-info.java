/**
 * The reconcilers k4s ships, found through {@link java.util.ServiceLoader}.
 *
 * <p>Start with {@link io.k4s.controllers.ReplicaSetReconciler}, which creates Containers;
 * {@link io.k4s.controllers.ContainerReconciler} (the kubelet) runs them in the container runtime;
 * {@link io.k4s.controllers.ServiceReconciler} publishes the ready ones as service endpoints.
 * The workload controllers build on them: {@link io.k4s.controllers.DeploymentReconciler}
 * (rollouts through ReplicaSets, with {@code RolloutSteps} for one step),
 * {@link io.k4s.controllers.JobReconciler}, {@link io.k4s.controllers.CronJobReconciler} and
 * {@link io.k4s.controllers.HorizontalAutoscalerReconciler}. Each depends on the k4s-api
 * contracts only (and the CronJob controller on cron-utils).
 */
package io.k4s.controllers;
