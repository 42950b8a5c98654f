package io.k4s.controllers;

import static io.k4s.api.resource.HorizontalAutoscalerStatus.ABLE_TO_SCALE;
import static io.k4s.api.resource.HorizontalAutoscalerStatus.SCALING_ACTIVE;
import static io.k4s.api.resource.HorizontalAutoscalerStatus.SCALING_LIMITED;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.AutoscalerMetric;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.HorizontalAutoscaler;
import io.k4s.api.resource.HorizontalAutoscalerSpec;
import io.k4s.api.resource.HorizontalAutoscalerStatus;
import io.k4s.api.resource.MetricTarget;
import io.k4s.api.resource.MetricValue;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ScaleTargetRef;
import io.k4s.api.runtime.ContainerLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scale a Deployment or ReplicaSet with its containers' load, as Kubernetes' horizontal pod
 * autoscaler does, every {@link #SYNC_PERIOD} (Kubernetes: 15 s).
 *
 * <p>It reads each ready container of the target from {@link ReconcileContext#metrics()};
 * rates (messages per second, busy ratio, latency) come from two samples at least
 * {@link #MIN_RATE_INTERVAL} apart. Request latency is the mean over the requests answered
 * between the two samples (from the sender's hand-off to the answer); a container that answered
 * none and has an empty mailbox counts 0 (idle), one that answered none with messages waiting
 * has no value (Kubernetes' rule for a missing metric applies). Per metric {@link MetricReplicas} gives the replicas asked
 * for; the largest wins; {@link ScaleRecommender} stabilizes and rate-limits it within
 * min..max. A target at 0 replicas is left alone ({@code ScalingActive=False, ScalingDisabled}),
 * one outside min..max is brought inside. Each decision that changes the count is logged in one
 * INFO line with the figures behind it and recorded as a {@code SuccessfulRescale} event
 * ({@code FailedGetScale}, {@code FailedGetMetrics} and {@code FailedRescale} are Warnings); a
 * write of the target that conflicts is retried by the manager. Status carries the figures and
 * the conditions {@code AbleToScale}, {@code ScalingActive} and {@code ScalingLimited}.
 *
 * <p>Thread-safe: per-autoscaler state (samples, recommendations, scale events) is kept in
 * concurrent maps and touched only by the reconcile of that key.
 */
public final class HorizontalAutoscalerReconciler implements Reconciler {

    /** How often each autoscaler looks at its target. */
    public static final Duration SYNC_PERIOD = Duration.ofSeconds(1);

    /** The shortest interval a rate is computed over; quicker reconciles reuse the last rate. */
    static final Duration MIN_RATE_INTERVAL = Duration.ofMillis(500);

    /** What one autoscaler remembers between reconciles. */
    private static final class Memory {
        final ScaleRecommender recommender = new ScaleRecommender();
        final Map<ResourceKey, ContainerLoad> baseline = new ConcurrentHashMap<>();
        final Map<ResourceKey, Map<AutoscalerMetric, Double>> rates = new ConcurrentHashMap<>();
    }

    private final Map<ResourceKey, Memory> memory = new ConcurrentHashMap<>();

    /** Create the reconciler; the manager finds it through ServiceLoader. */
    public HorizontalAutoscalerReconciler() {
    }

    @Override
    public Class<HorizontalAutoscaler> resourceType() {
        return HorizontalAutoscaler.class;
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        ResourceClient resources = context.resources();
        HorizontalAutoscaler hpa = resources.get(HorizontalAutoscaler.class, key).orElse(null);
        if (hpa == null) {
            memory.remove(key);
            return Result.done();
        }
        Memory mem = memory.computeIfAbsent(key, k -> new Memory());
        HorizontalAutoscalerSpec spec = hpa.spec();
        Instant now = context.clock().instant();
        String namespace = hpa.metadata().namespace();
        ScaleTargetRef ref = spec.scaleTargetRef();
        Target target = Target.read(resources, namespace, ref);
        HorizontalAutoscalerStatus stored = hpa.status();
        List<Condition> conditions = new ArrayList<>();
        if (target == null) {
            conditions.add(condition(stored, ABLE_TO_SCALE, false, "FailedGetScale",
                    "the target " + ref + " does not exist", now));
            context.events().warning(hpa, "FailedGetScale", "the target " + ref + " does not exist");
            write(hpa, new HorizontalAutoscalerStatus(0, 0, List.of(), stored.lastScaleTime(), conditions,
                    hpa.metadata().generation()), context);
            return Result.requeueAfter(SYNC_PERIOD);
        }
        int current = target.replicas();
        List<MetricValue> values = new ArrayList<>();
        int desired;
        String why;
        ScaleRecommender.Decision decision = null;
        if (current == 0) {
            desired = 0;
            why = "the target is scaled to 0";
            conditions.add(condition(stored, SCALING_ACTIVE, false, "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero", now));
        } else if (current > spec.maxReplicas() || current < spec.minReplicas()) {
            desired = Math.max(spec.minReplicas(), Math.min(spec.maxReplicas(), current));
            why = "the current count is outside " + spec.minReplicas() + ".." + spec.maxReplicas();
            conditions.add(condition(stored, SCALING_ACTIVE, true, "ValidMetricFound", why, now));
        } else {
            List<Container> ready = target.containers(resources, namespace).stream()
                    .filter(c -> c.status().ready() && !c.metadata().deleting()).toList();
            Map<ResourceKey, Map<AutoscalerMetric, Double>> measured = measure(mem, ready, context, now);
            int best = -1;
            StringBuilder figures = new StringBuilder();
            for (MetricTarget m : spec.metrics()) {
                List<Double> vals = new ArrayList<>();
                for (Container c : ready) {
                    Double v = measured.getOrDefault(c.key(), Map.of()).get(m.type());
                    if (v != null) {
                        vals.add(v);
                    }
                }
                if (vals.isEmpty()) {
                    continue;
                }
                double average = vals.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                values.add(new MetricValue(m.type(), average));
                int wanted = MetricReplicas.desired(current, vals, ready.size() - vals.size(), m.averageValue());
                figures.append(figures.isEmpty() ? "" : ", ").append(m.type().text()).append(' ')
                        .append(String.format("%.2f", average)).append('/').append(String.format("%.2f", m.averageValue()))
                        .append(" -> ").append(wanted);
                best = Math.max(best, wanted);
            }
            if (best < 0) {
                desired = current;
                why = "no metric could be computed yet";
                conditions.add(condition(stored, SCALING_ACTIVE, false, "FailedGetMetrics",
                        "no ready container of " + ref + " has a value for any metric yet", now));
                context.events().warning(hpa, "FailedGetMetrics",
                        "no ready container of " + ref + " has a value for any metric yet");
            } else {
                decision = mem.recommender.decide(current, best, spec.minReplicas(), spec.maxReplicas(),
                        spec.behavior(), now);
                desired = decision.replicas();
                why = figures + (decision.limited() ? "; limited: " + decision.limitReason() : "");
                conditions.add(condition(stored, SCALING_ACTIVE, true, "ValidMetricFound",
                        "the replica count is computed from " + figures, now));
            }
        }
        Instant lastScale = stored.lastScaleTime();
        if (desired != current) {
            try {
                target.scale(resources, desired);
            } catch (ConflictException e) {
                throw e; // the target changed since it was read: the manager retries, nothing failed
            } catch (RuntimeException e) {
                context.events().warning(hpa, "FailedRescale", "New size: " + desired + "; reason: " + why
                        + "; error: " + e.getMessage());
                throw e;
            }
            mem.recommender.scaled(current, desired, spec.behavior(), now);
            lastScale = now;
            context.log().info("HorizontalAutoscaler {}: {} {} -> {} replicas ({})", key, ref, current, desired, why);
            context.events().normal(hpa, "SuccessfulRescale", "New size: " + desired + "; reason: " + why);
        } else {
            context.log().debug("HorizontalAutoscaler {}: {} stays at {} replicas ({})", key, ref, current, why);
        }
        conditions.addFirst(condition(stored, ABLE_TO_SCALE, true, desired != current ? "SucceededRescale"
                : "ReadyForNewScale", "the HPA controller was able to get the target's current scale", now));
        conditions.add(decision == null
                ? condition(stored, SCALING_LIMITED, false, "DesiredWithinRange", "the desired count is within the"
                        + " acceptable range", now)
                : condition(stored, SCALING_LIMITED, decision.limited(), decision.limitReason(),
                        decision.limitMessage(), now));
        write(hpa, new HorizontalAutoscalerStatus(current, desired, values, lastScale, conditions,
                hpa.metadata().generation()), context);
        return Result.requeueAfter(SYNC_PERIOD);
    }

    /** Each ready container's current figures, rates from the baseline sample when old enough. */
    private static Map<ResourceKey, Map<AutoscalerMetric, Double>> measure(Memory mem, List<Container> ready,
                                                                          ReconcileContext context, Instant now) {
        Set<ResourceKey> keys = new HashSet<>();
        Map<ResourceKey, Map<AutoscalerMetric, Double>> out = new HashMap<>();
        for (Container c : ready) {
            keys.add(c.key());
            ContainerLoad sample = context.metrics().sample(c.key()).orElse(null);
            if (sample == null) {
                continue;
            }
            Map<AutoscalerMetric, Double> values = new EnumMap<>(AutoscalerMetric.class);
            values.put(AutoscalerMetric.MAILBOX_DEPTH, (double) sample.mailboxDepth());
            ContainerLoad base = mem.baseline.get(c.key());
            Map<AutoscalerMetric, Double> rates = mem.rates.getOrDefault(c.key(), Map.of());
            if (base == null || sample.handled() < base.handled()) {
                mem.baseline.put(c.key(), sample);
            } else {
                Duration interval = Duration.between(base.sampledAt(), sample.sampledAt());
                if (interval.compareTo(MIN_RATE_INTERVAL) >= 0) {
                    rates = rates(base, sample, interval);
                    mem.rates.put(c.key(), rates);
                    mem.baseline.put(c.key(), sample);
                }
            }
            values.putAll(rates);
            out.put(c.key(), values);
        }
        mem.baseline.keySet().retainAll(keys);
        mem.rates.keySet().retainAll(keys);
        return out;
    }

    private static Map<AutoscalerMetric, Double> rates(ContainerLoad from, ContainerLoad to, Duration interval) {
        double seconds = interval.toNanos() / 1e9;
        Map<AutoscalerMetric, Double> rates = new EnumMap<>(AutoscalerMetric.class);
        rates.put(AutoscalerMetric.MESSAGES_PER_SECOND, (to.handled() - from.handled()) / seconds);
        if (from.busyTime() != null && to.busyTime() != null) {
            rates.put(AutoscalerMetric.BUSY_RATIO, to.busyTime().minus(from.busyTime()).toNanos() / 1e9 / seconds);
        }
        long requests = to.requests() - from.requests();
        if (from.requestTime() != null && to.requestTime() != null) {
            if (requests > 0) {
                rates.put(AutoscalerMetric.REQUEST_LATENCY,
                        to.requestTime().minus(from.requestTime()).toNanos() / 1e9 / requests);
            } else if (to.mailboxDepth() == 0) {
                // Idle: nobody waits, so the latency a new request would see is none; without
                // this, a latency-only autoscaler could never scale an idle target down.
                rates.put(AutoscalerMetric.REQUEST_LATENCY, 0.0);
            }
        }
        return rates;
    }

    private static Condition condition(HorizontalAutoscalerStatus stored, String type, boolean status, String reason,
                                       String message, Instant now) {
        Condition previous = stored.conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
        boolean same = previous != null && previous.status() == status && previous.lastTransitionTime() != null;
        if (same && previous.reason().equals(reason) && previous.message().equals(message)) {
            return previous;
        }
        return new Condition(type, status, reason, message, same ? previous.lastTransitionTime() : now);
    }

    private static void write(HorizontalAutoscaler hpa, HorizontalAutoscalerStatus status, ReconcileContext context) {
        if (status.equals(hpa.status())) {
            return;
        }
        try {
            context.resources().updateStatus(hpa.withStatus(status));
        } catch (NotFoundException e) {
            context.log().debug("HorizontalAutoscaler {} was deleted while it was reconciled", hpa.key());
        }
    }

    /** The scaled Deployment or ReplicaSet. */
    private record Target(Deployment deployment, ReplicaSet replicaSet) {

        static Target read(ResourceClient resources, String namespace, ScaleTargetRef ref) {
            if (ref.kind().equals(Deployment.KIND)) {
                return resources.get(Deployment.class, namespace, ref.name()).map(d -> new Target(d, null)).orElse(null);
            }
            return resources.get(ReplicaSet.class, namespace, ref.name()).map(rs -> new Target(null, rs)).orElse(null);
        }

        int replicas() {
            return deployment != null ? deployment.spec().replicas() : replicaSet.spec().replicas();
        }

        /** Its containers: a ReplicaSet's own, or those of every ReplicaSet a Deployment controls. */
        List<Container> containers(ResourceClient resources, String namespace) {
            Set<String> owners = new HashSet<>();
            if (replicaSet != null) {
                owners.add(replicaSet.metadata().uid());
            } else {
                for (ReplicaSet rs : resources.list(ReplicaSet.class, namespace).items()) {
                    if (rs.metadata().controller().map(r -> r.refersTo(deployment)).orElse(false)) {
                        owners.add(rs.metadata().uid());
                    }
                }
            }
            return resources.list(Container.class, namespace).items().stream()
                    .filter(c -> c.metadata().controller().map(r -> owners.contains(r.uid())).orElse(false)).toList();
        }

        void scale(ResourceClient resources, int replicas) {
            if (deployment != null) {
                resources.update(deployment.withSpec(deployment.spec().withReplicas(replicas)));
            } else {
                resources.update(replicaSet.withSpec(replicaSet.spec().withReplicas(replicas)));
            }
        }
    }
}
