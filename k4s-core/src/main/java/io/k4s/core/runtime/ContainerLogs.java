package io.k4s.core.runtime;

import io.k4s.api.resource.ResourceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Give each container its logger: what {@code WorkerContext.log()} returns and where the runtime
 * reports the container's crashes. The default names an SLF4J logger after the container; a test
 * kit passes one that also keeps each container's lines.
 *
 * <p>Called once per container, on any thread; implementations must be thread-safe.
 */
@FunctionalInterface
public interface ContainerLogs {

    /** SLF4J loggers named {@code k4s.container.NAMESPACE.NAME}. */
    ContainerLogs SLF4J = container -> LoggerFactory.getLogger(loggerName(container));

    /** The logger of {@code container}. */
    Logger logger(ResourceKey container);

    /** The SLF4J logger name of {@code container}'s log: {@code k4s.container.NAMESPACE.NAME}. */
    static String loggerName(ResourceKey container) {
        return "k4s.container." + container.namespace() + "." + container.name();
    }
}
