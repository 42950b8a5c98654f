package io.k4s.core.store;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceStatus;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Find the status a freshly constructed resource of a kind has, which is what a create stores.
 *
 * <p>The three kinds k4s ships are listed. Another kind is handled if it follows their pattern:
 * a record whose canonical constructor turns a {@code null} {@code status} component into the
 * kind's empty status; its empty status is found once by calling that constructor. A kind that
 * does not follow the pattern keeps the status it was created with. Thread-safe.
 */
final class EmptyStatus {

    private static final Logger LOG = LoggerFactory.getLogger(EmptyStatus.class);

    private static final Map<Class<?>, Optional<Object>> KNOWN = new ConcurrentHashMap<>(Map.of(
            Container.class, Optional.of(ContainerStatus.PENDING),
            ReplicaSet.class, Optional.of(ReplicaSetStatus.EMPTY),
            Service.class, Optional.of(ServiceStatus.EMPTY)));

    private EmptyStatus() {}

    /** {@code resource} with its kind's empty status, or unchanged if the kind has none known. */
    static Resource reset(Resource resource) {
        Optional<Object> empty = KNOWN.computeIfAbsent(resource.getClass(), c -> derive(resource));
        return empty.map(resource::withStatus).orElse(resource);
    }

    private static Optional<Object> derive(Resource resource) {
        Class<?> type = resource.getClass();
        if (!type.isRecord()) {
            return Optional.empty();
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        boolean hasStatus = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (components[i].getName().equals("status")) {
                    hasStatus = true;
                    args[i] = null;
                } else {
                    args[i] = components[i].getAccessor().invoke(resource);
                }
            }
            if (!hasStatus) {
                return Optional.empty();
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            Resource fresh = (Resource) canonical.newInstance(args);
            return Optional.ofNullable(fresh.status());
        } catch (ReflectiveOperationException | IllegalArgumentException | SecurityException e) {
            // The kind does not follow the pattern (for example its constructor rejects a null
            // status): keep statuses as given, which is what "no empty status known" means.
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            LOG.debug("no empty status for {}; creates keep the given status: {}", type.getName(),
                    String.valueOf(cause));
            return Optional.empty();
        }
    }
}
