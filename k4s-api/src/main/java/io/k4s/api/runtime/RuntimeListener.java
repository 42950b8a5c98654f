package io.k4s.api.runtime;

/** Receive {@link RuntimeEvent}s from a {@link ContainerRuntime}. */
@FunctionalInterface
public interface RuntimeListener {

    /**
     * Called on the changing container's thread (or the thread that changed it); return
     * quickly. Whatever a listener throws, an {@link Error} included, is logged and skipped: it
     * never reaches the container or the other listeners.
     */
    void onEvent(RuntimeEvent event);
}
