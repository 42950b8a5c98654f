package io.k4s.api.resource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Say which worker a container runs and how.
 *
 * @param worker                 a registered worker type name or fully qualified class name
 * @param params                 the worker's parameters ({@link io.k4s.api.Params}); deep-copied
 * @param restartPolicy          what happens when the worker ends; default {@code Always}
 * @param mailboxCapacity        the most messages that may wait: the same as
 *                               {@code resources.mailboxCapacity} (this is its old place, still
 *                               accepted); default {@value #DEFAULT_MAILBOX_CAPACITY}
 * @param terminationGracePeriod how long a stop waits for the mailbox to drain and the worker's
 *                               {@code stop} to return; default 5 s
 * @param executor               the thread the worker runs on; default {@code virtual}
 * @param resources              the mailbox capacity, the message rate limit and the handle
 *                               timeout ({@code resources.handleTimeout}, always equal to
 *                               {@code handleTimeout})
 * @param handleTimeout          how long one {@code handle} may run before the request fails with
 *                               {@link io.k4s.api.HandleTimeoutException} and the container counts
 *                               as not alive (restarted per {@code restartPolicy}); {@code null}
 *                               (default) for no limit. Given here or in {@code resources} (its
 *                               place in manifests; {@code spec.handleTimeout} is the older one,
 *                               still accepted); both with different values is an error
 * @param readinessProbe         when and how often {@link io.k4s.api.Worker#readiness} is asked,
 *                               or {@code null} (default: ready once {@code start} returned)
 * @param livenessProbe          when and how often {@link io.k4s.api.Worker#liveness} is asked,
 *                               or {@code null} (default: never)
 * @param startupProbe           a probe of {@link io.k4s.api.Worker#liveness} that holds the other
 *                               two until it first succeeds, or {@code null}
 * @param initWorkers            workers run to completion, in order, before this one starts;
 *                               names unique
 * @param image                  the worker image {@code NAME:VERSION} ({@link ImageRef}) that
 *                               {@code worker} is a type of, or {@code null} for a type of the
 *                               class path and the shared plugins; init workers' types come from
 *                               the same image
 * @param paramsFrom             ConfigMaps and Secrets whose every key becomes a param, resolved at
 *                               each start; a param's own value wins, and a param written as
 *                               {@code {valueFrom: ...}} is a {@link ParamKeyRef}; default none
 * @param nodeName               the node the container is bound to, as a pod's {@code spec.nodeName}:
 *                               set by the scheduler (its binding) or by hand; {@code null} (default)
 *                               while unscheduled
 * @param nodeSelector           labels a node must have for the scheduler to bind the container
 *                               there; default none (any node)
 */
public record ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                            int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor,
                            ContainerResources resources, Duration handleTimeout, Probe readinessProbe,
                            Probe livenessProbe, Probe startupProbe, List<InitWorker> initWorkers,
                            String image, List<ParamsFromSource> paramsFrom, String nodeName,
                            Map<String, String> nodeSelector) {

    /** The mailbox capacity when none is given. */
    public static final int DEFAULT_MAILBOX_CAPACITY = 1000;

    /** The largest mailbox capacity accepted. */
    public static final int MAX_MAILBOX_CAPACITY = 1_000_000;

    /** The grace period when none is given. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

    /**
     * Applies the defaults, validates and deep-copies the params. A mailbox capacity given both
     * as {@code mailboxCapacity} and in {@code resources} must agree (a default in either place
     * yields to the other).
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public ContainerSpec {
        if (worker == null || worker.isBlank()) {
            throw new IllegalArgumentException("spec.worker: a worker type is required");
        }
        params = params == null ? Map.of() : freezeMap(params);
        restartPolicy = restartPolicy == null ? RestartPolicy.ALWAYS : restartPolicy;
        if (mailboxCapacity != 0 && (mailboxCapacity < 1 || mailboxCapacity > MAX_MAILBOX_CAPACITY)) {
            throw new IllegalArgumentException("spec.mailboxCapacity: expected 1.."
                    + MAX_MAILBOX_CAPACITY + ", got " + mailboxCapacity);
        }
        resources = mailboxIn(resources == null ? ContainerResources.DEFAULT : resources, mailboxCapacity);
        mailboxCapacity = resources.mailboxCapacity();
        if (handleTimeout != null && resources.handleTimeout() != null && !handleTimeout.equals(resources.handleTimeout())) {
            throw new IllegalArgumentException("spec.handleTimeout: " + handleTimeout + " differs from"
                    + " resources.handleTimeout " + resources.handleTimeout() + "; give it once, in resources.handleTimeout");
        }
        handleTimeout = handleTimeout != null ? handleTimeout : resources.handleTimeout();
        resources = resources.withHandleTimeout(handleTimeout);
        terminationGracePeriod = terminationGracePeriod == null ? DEFAULT_GRACE_PERIOD : terminationGracePeriod;
        if (terminationGracePeriod.isNegative()) {
            throw new IllegalArgumentException("spec.terminationGracePeriod: must not be negative");
        }
        executor = executor == null ? ContainerExecutor.VIRTUAL : executor;
        if (handleTimeout != null && (handleTimeout.isNegative() || handleTimeout.isZero())) {
            throw new IllegalArgumentException("spec.handleTimeout: must be positive, got " + handleTimeout);
        }
        if (livenessProbe != null && livenessProbe.successThreshold() != 1) {
            throw new IllegalArgumentException("spec.livenessProbe.successThreshold: must be 1");
        }
        if (startupProbe != null && startupProbe.successThreshold() != 1) {
            throw new IllegalArgumentException("spec.startupProbe.successThreshold: must be 1");
        }
        initWorkers = initWorkers == null ? List.of() : List.copyOf(initWorkers);
        String duplicate = duplicateName(initWorkers);
        if (duplicate != null) {
            throw new IllegalArgumentException("spec.initWorkers: two init workers are named \"" + duplicate + "\"");
        }
        if (image != null && image.isBlank()) {
            image = null;
        }
        if (image != null) {
            String problem = ImageRef.problem(image);
            if (problem != null) {
                throw new IllegalArgumentException("spec.image: \"" + image + "\" " + problem);
            }
        }
        paramsFrom = paramsFrom == null ? List.of() : List.copyOf(paramsFrom);
        if (nodeName != null && nodeName.isBlank()) {
            nodeName = null;
        }
        if (nodeName != null) {
            String problem = ResourceNames.nameProblem(nodeName);
            if (problem != null) {
                throw new IllegalArgumentException("spec.nodeName: " + problem);
            }
        }
        nodeSelector = nodeSelector == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(nodeSelector));
        params.forEach((name, value) -> {
            try {
                ParamKeyRef.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("spec.params." + name + "." + e.getMessage(), e);
            }
        });
    }

    /** A spec not bound to a node and without a node selector; see the canonical constructor. */
    public ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                         int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor,
                         ContainerResources resources, Duration handleTimeout, Probe readinessProbe,
                         Probe livenessProbe, Probe startupProbe, List<InitWorker> initWorkers, String image,
                         List<ParamsFromSource> paramsFrom) {
        this(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom, null, null);
    }

    /** A spec without {@code paramsFrom}; see the canonical constructor. */
    public ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                         int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor,
                         ContainerResources resources, Duration handleTimeout, Probe readinessProbe,
                         Probe livenessProbe, Probe startupProbe, List<InitWorker> initWorkers, String image) {
        this(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, null);
    }

    /** A spec without an image (a type of the class path or the shared plugins); see the canonical constructor. */
    public ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                         int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor,
                         ContainerResources resources, Duration handleTimeout, Probe readinessProbe,
                         Probe livenessProbe, Probe startupProbe, List<InitWorker> initWorkers) {
        this(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, null);
    }

    /** A spec of {@code image} without resources, probes or init workers; see the canonical constructor. */
    public ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                         int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor,
                         String image) {
        this(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, null, null, null,
                null, null, null, image);
    }

    /** A spec without resources, probes or init workers; see the canonical constructor. */
    public ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                         int mailboxCapacity, Duration terminationGracePeriod, ContainerExecutor executor) {
        this(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, executor, null, null, null,
                null, null, null, null);
    }

    /** A spec on the default executor ({@code virtual}); see the canonical constructor. */
    public ContainerSpec(String worker, Map<String, Object> params, RestartPolicy restartPolicy,
                         int mailboxCapacity, Duration terminationGracePeriod) {
        this(worker, params, restartPolicy, mailboxCapacity, terminationGracePeriod, null);
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
        return new ContainerSpec(worker, new LinkedHashMap<>(params), restartPolicy, 0, terminationGracePeriod,
                executor, resources, handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy with another restart policy. */
    public ContainerSpec withRestartPolicy(RestartPolicy restartPolicy) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy with another mailbox capacity. */
    public ContainerSpec withMailboxCapacity(int mailboxCapacity) {
        return withResources(new ContainerResources(mailboxCapacity, resources.maxHandleRate()));
    }

    /** A copy with another grace period. */
    public ContainerSpec withTerminationGracePeriod(Duration terminationGracePeriod) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy on another executor. */
    public ContainerSpec withExecutor(ContainerExecutor executor) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy taking params from other ConfigMaps and Secrets. */
    public ContainerSpec withParamsFrom(List<ParamsFromSource> paramsFrom) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy bound to the node {@code nodeName} ({@code null}: unscheduled), as the scheduler's binding. */
    public ContainerSpec withNodeName(String nodeName) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy that only nodes with all of {@code nodeSelector}'s labels may run. */
    public ContainerSpec withNodeSelector(Map<String, String> nodeSelector) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
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

    /** A copy with other resources (the mailbox capacity included; without a handle timeout, this one's stays). */
    public ContainerSpec withResources(ContainerResources resources) {
        // Resources without a handle timeout keep this spec's.
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                resources.handleTimeout() != null ? resources.handleTimeout() : handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy with another handle timeout ({@code null}: none). */
    public ContainerSpec withHandleTimeout(Duration handleTimeout) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor,
                resources.withHandleTimeout(handleTimeout), handleTimeout, readinessProbe, livenessProbe, startupProbe,
                initWorkers, image, paramsFrom, nodeName, nodeSelector);
    }

    /** A copy with other probes (each may be {@code null}: none). */
    public ContainerSpec withProbes(Probe readinessProbe, Probe livenessProbe, Probe startupProbe) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy with other init workers. */
    public ContainerSpec withInitWorkers(List<InitWorker> initWorkers) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** A copy that runs {@code worker} of the image {@code image} ({@code NAME:VERSION}), or of the class path for {@code null}. */
    public ContainerSpec withImage(String image) {
        return new ContainerSpec(worker, params, restartPolicy, 0, terminationGracePeriod, executor, resources,
                handleTimeout, readinessProbe, livenessProbe, startupProbe, initWorkers, image, paramsFrom,
                nodeName, nodeSelector);
    }

    /** The image, parsed; empty for a worker type of the class path or the shared plugins. */
    public Optional<ImageRef> imageRef() {
        return image == null ? Optional.empty() : Optional.of(ImageRef.parse(image));
    }

    /** {@code resources} with {@code capacity} (0: keep its own), refusing two different explicit values. */
    private static ContainerResources mailboxIn(ContainerResources resources, int capacity) {
        if (capacity == 0 || capacity == resources.mailboxCapacity()) {
            return resources;
        }
        if (resources.mailboxCapacity() != DEFAULT_MAILBOX_CAPACITY && capacity != DEFAULT_MAILBOX_CAPACITY) {
            throw new IllegalArgumentException("spec.mailboxCapacity: " + capacity + " differs from"
                    + " resources.mailboxCapacity " + resources.mailboxCapacity()
                    + "; give it once, in resources.mailboxCapacity");
        }
        return capacity == DEFAULT_MAILBOX_CAPACITY ? resources
                : new ContainerResources(capacity, resources.maxHandleRate());
    }

    private static String duplicateName(List<InitWorker> initWorkers) {
        Set<String> seen = new HashSet<>();
        for (InitWorker w : initWorkers) {
            if (!seen.add(w.name())) {
                return w.name();
            }
        }
        return null;
    }

    static Map<String, Object> freezeMap(Map<?, ?> map) {
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
