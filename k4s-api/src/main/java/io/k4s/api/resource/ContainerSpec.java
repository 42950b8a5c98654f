package io.k4s.api.resource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param paramsFrom             ConfigMaps and Secrets whose every key becomes a param, resolved at
 *                               each start; a param's own value wins, and a param written as
 *                               {@code {valueFrom: ...}} is a {@link ParamKeyRef}; default none
 */
public record ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                            int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor,
                            List<ParamsFromSource> paramsFrom) {

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
        paramsFrom = paramsFrom == null ? List.of() : List.copyOf(paramsFrom);
        params.forEach((name, value) -> {
            try {
                ParamKeyRef.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("spec.params." + name + "." + e.getMessage(), e);
            }
        });
    }

    /** A spec without {@code paramsFrom}; see the canonical constructor. */
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
                terminationGracePeriod, executor, paramsFrom);
    }

    /** A copy with another restart policy. */
    public ContainerSpec withRestartPolicy(RestartPolicy restartPolicy) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, paramsFrom);
    }

    /** A copy with another mailbox capacity. */
    public ContainerSpec withMailboxCapacity(int mailboxCapacity) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, paramsFrom);
    }

    /** A copy with another grace period. */
    public ContainerSpec withTerminationGracePeriod(Duration terminationGracePeriod) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, paramsFrom);
    }

    /** A copy on another executor. */
    public ContainerSpec withExecutor(ContainerExecutor executor) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, paramsFrom);
    }

    /** A copy taking params from other ConfigMaps and Secrets. */
    public ContainerSpec withParamsFrom(List<ParamsFromSource> paramsFrom) {
        return new ContainerSpec(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor,
                paramsFrom);
    }

    /** The params written as {@code {valueFrom: ...}}, by name, in the order of {@link #params()}. */
    public Map<String, ParamKeyRef> paramRefs() {
        Map<String, ParamKeyRef> refs = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            ParamKeyRef ref = ParamKeyRef.parse(value);
            if (ref != null) {
                refs.put(name, ref);
            }
        });
        return refs;
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
