/**
 * The controller SPI: reconcilers that converge what runs with what was asked for.
 *
 * <p>Start with {@link io.k4s.api.control.Reconciler}. Register an implementation in
 * {@code META-INF/services/io.k4s.api.control.Reconciler}; the controller manager in k4s-core
 * watches its resource types and calls it with keys from a work queue.
 */
package io.k4s.api.control;
