package io.k4s.api.runtime;

import java.util.Map;

/**
 * Resolve a container's params again, from the ConfigMaps and Secrets it references, before the
 * runtime restarts it after a crash, as a kubelet resolves a pod's environment before each start
 * of its container. Called on the runtime's lifecycle thread; keep it quick (reads only).
 */
@FunctionalInterface
public interface ParamsResolver {

    /**
     * The params the next run gets, with every reference replaced by its current value.
     *
     * @throws io.k4s.api.K4sException whose message names what is missing (never a value): the
     *                                 restart waits another backoff and tries again
     */
    Map<String, Object> resolve();
}
