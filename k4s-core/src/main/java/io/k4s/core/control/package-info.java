/**
 * The controller manager: watches, work queues and the threads that call reconcilers.
 *
 * <p>Start with {@link io.k4s.core.control.ControllerManager}; {@link io.k4s.core.control.Reconcilers}
 * finds the reconcilers on a class path, and {@link io.k4s.core.control.WorkQueue} is the
 * client-go style queue each reconciler reads its keys from.
 */
package io.k4s.core.control;
