/**
 * The controller manager: watches, informer caches, work queues and the threads that call
 * reconcilers.
 *
 * <p>Start with {@link io.k4s.core.control.ControllerManager}; {@link io.k4s.core.control.Reconcilers}
 * finds the reconcilers on a class path, {@link io.k4s.core.control.WorkQueue} is the client-go
 * style queue each reconciler reads its keys from, and each informer keeps an
 * {@code InformerCache} that reconcilers read through their context's listers.
 */
package io.k4s.core.control;
