/**
 * The reconcilers k4s ships, found through {@link java.util.ServiceLoader}.
 *
 * <p>Start with {@link io.k4s.controllers.ReplicaSetReconciler}, which creates Containers;
 * {@link io.k4s.controllers.ContainerReconciler} (the kubelet) runs them in the container runtime;
 * {@link io.k4s.controllers.ServiceReconciler} publishes the ready ones as service endpoints.
 * Each depends on the k4s-api contracts only.
 */
package io.k4s.controllers;
