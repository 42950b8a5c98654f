package io.k4s.api.runtime;

/** Receive {@link RuntimeEvent}s from a {@link ContainerRuntime}. */
@FunctionalInterface
public interface RuntimeListener {

    /** Called on the changing container's thread; return quickly and never throw. */
    void onEvent(RuntimeEvent event);
}
