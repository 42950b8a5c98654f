package io.k4s.api.resource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Say which worker a container runs and how.
 *
 * @param worker                 a registered worker type name or fully qualified class name
 * @param params                 the worker's parameters ({@link io.k4s.api.Params}); deep-copied
 * @param restartPolicy          what happens when the worker ends; default {@code Always}
 * @param mailboxCapacity        the most messages that may wait; default
 *                               {@value #DEFAULT_MAILBOX_CAPACITY}
 * @param terminationGracePeriod how long a stop waits for the mailbox to drain and the worker's
 *                               {@code stop} to return; default 5 s
 * @param executor               the thread the worker runs on; default {@code virtual}
 * @param image                  the worker image {@code NAME:VERSION} ({@link ImageRef}) that
 *                               {@code worker} is a type of, or {@code null} for a type of the
 *                               class path and the shared plugins
 */
public record ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                            int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor,
                            String image) {

    /** The mailbox capacity when none is given. */
    public static final int DEFAULT_MAILBOX_CAPACITY = 1000;

    /** The largest mailbox capacity accepted. */
    public static final int MAX_MAILBOX_CAPACITY = 1_000_000;

    /** The grace period when none is given. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

    /**
     * Applies the defaults, validates and deep-copies the params.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public ContainerSpec {
        if (worker == null || worker.isBlank()) {
            throw new IllegalArgumentException("spec.worker: a worker type is required");
        }
        params = params == null ? Map.of() : freezeMap(params);
        restartPolicy = restartPolicy == null ? RestartPolicy.ALWAYS : restartPolicy;
        if (mailboxCapacity == 0) {
            mailboxCapacity = DEFAULT_MAILBOX_CAPACITY;
        }
        if (mailboxCapacity < 1 || mailboxCapacity > MAX_MAILBOX_CAPACITY) {
            throw new IllegalArgumentException("spec.mailboxCapacity: expected 1.."
                    + MAX_MAILBOX_CAPACITY + ", got " + mailboxCapacity);
        }
        terminationGracePeriod = terminationGracePeriod == null ? DEFAULT_GRACE_PERIOD : terminationGracePeriod;
        if (terminationGracePeriod.isNegative()) {
            throw new IllegalArgumentException("spec.terminationGracePeriod: must not be negative");
        }
        executor = executor == null ? ContainerExecutor.VIRTUAL : executor;
        if (image != null && image.isBlank()) {
            image = null;
        }
        if (image != null) {
            String problem = ImageRef.problem(image);
            if (problem != null) {
                throw new IllegalArgumentException("spec.image: \"" + image + "\" " + problem);
            }
        }
    }

    /** A spec without an image (a worker type of the class path or the shared plugins); see the canonical constructor. */
    public ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                         int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor) {
        this(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, null);
    }

    /** A spec on the default executor ({@code virtual}); see the canonical constructor. */
    public ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                         int mailboxCapacity, Duration terminationGracePeriod) {
        this(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, null, null);
    }

    /** A spec for {@code worker} with no params and all defaults. */
    public static ContainerSpec of(String worker) {
        return new ContainerSpec(worker, Map.of(), null, 0, null);
    }

    /** A spec for {@code worker} with {@code params} and all other defaults. */
    public static ContainerSpec of(String worker, Map<String, ?> params) {
        return new ContainerSpec(worker, new LinkedHashMap<>(params), null, 0, null);
    }

    /** A copy with other params. */
    public ContainerSpec withParams(Map<String, ?> params) {
        return new ContainerSpec(worker, new LinkedHashMap<>(params), restartPolicy, mailboxCapacity,
                terminationGracePeriod, executor, image);
    }

    /** A copy with another restart policy. */
    public ContainerSpec withRestartPolicy(RestartPolicy restartPolicy) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, image);
    }

    /** A copy with another mailbox capacity. */
    public ContainerSpec withMailboxCapacity(int mailboxCapacity) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, image);
    }

    /** A copy with another grace period. */
    public ContainerSpec withTerminationGracePeriod(Duration terminationGracePeriod) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, image);
    }

    /** A copy on another executor. */
    public ContainerSpec withExecutor(ContainerExecutor executor) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, image);
    }

    /** A copy that runs {@code worker} of the image {@code image} ({@code NAME:VERSION}), or of the class path for {@code null}. */
    public ContainerSpec withImage(String image) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, image);
    }

    /** The image, parsed; empty for a worker type of the class path or the shared plugins. */
    public Optional<ImageRef> imageRef() {
        return image == null ? Optional.empty() : Optional.of(ImageRef.parse(image));
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> m) {
            return freezeMap(m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
