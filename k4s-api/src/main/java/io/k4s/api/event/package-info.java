/**
 * Events: what happened to a resource, for people and tools ({@code describe}, {@code get
 * events}).
 *
 * <p>Start with {@link io.k4s.api.event.EventRecorder}: reconcilers get one from
 * {@link io.k4s.api.control.ReconcileContext#events()}.
 */
package io.k4s.api.event;
