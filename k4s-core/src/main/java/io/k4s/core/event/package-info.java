/**
 * Events in the store: start with {@link io.k4s.core.event.StoreEventRecorder}, the recorder a
 * cluster hands its reconcilers.
 */
package io.k4s.core.event;
