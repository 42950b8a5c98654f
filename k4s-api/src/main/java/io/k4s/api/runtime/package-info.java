/**
 * The container runtime interface: what the kubelet (the ContainerReconciler) drives.
 *
 * <p>Start with {@link io.k4s.api.runtime.ContainerRuntime}.
 */
package io.k4s.api.runtime;
