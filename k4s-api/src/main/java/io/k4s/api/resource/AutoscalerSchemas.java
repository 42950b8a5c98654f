package io.k4s.api.resource;

import io.k4s.api.schema.DurationSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MappedSchema;
import io.k4s.api.schema.NumberSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.OneOfSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import java.time.Duration;
import java.util.List;

/**
 * The schemas of a HorizontalAutoscaler's spec and status: what it scales, on which metrics,
 * within which bounds and how fast, as Kubernetes' {@code autoscaling/v2} names them.
 */
public final class AutoscalerSchemas {

    private AutoscalerSchemas() {}

    private static final EnumSchema<AutoscalerMetric> METRIC = EnumSchema.of("The metric: MailboxDepth (messages"
            + " waiting), MessagesPerSecond (messages handled per second), BusyRatio (the share of time in handle,"
            + " 0 to 1) or RequestLatency (seconds from arrival to reply).", AutoscalerMetric.values(),
            AutoscalerMetric::text);

    private static final ObjectSchema<ScaleTargetRef> SCALE_TARGET_REF = ObjectSchema.<ScaleTargetRef>builder(
                    "ScaleTargetRef")
            .description("What the autoscaler scales, in its own namespace.")
            .required("kind", StringSchema.builder().description("Deployment or ReplicaSet.")
                    .check(k -> Deployment.KIND.equals(k) || ReplicaSet.KIND.equals(k) ? null
                            : "expected Deployment or ReplicaSet, got \"" + k + "\"").build(),
                    ScaleTargetRef::kind, "")
            .required("name", StringSchema.builder().description("Its name.").check(ResourceNames::nameProblem)
                    .build(), ScaleTargetRef::name, "")
            .build(v -> new ScaleTargetRef(v.get("kind"), v.get("name")));

    /** A target's value: a number in the metric's unit, or a duration such as {@code 50ms} read as seconds. */
    private static final OneOfSchema<Double> AVERAGE_VALUE = OneOfSchema.<Double>builder()
            .description("The target average per container, in the metric's unit (messages, messages/s, a ratio,"
                    + " seconds); positive, a BusyRatio at most 1. A duration such as 50ms or 2s is read as seconds"
                    + " (for RequestLatency).")
            .expectation("a positive number, or a duration such as 50ms")
            .alternative(Double.class, NumberSchema.of("The target average per container, in the metric's unit."))
            .alternative(Double.class, MappedSchema.of("A duration, read as seconds.", DurationSchema.builder()
                    .description("A duration such as 50ms, read as seconds.").build(),
                    (Duration d) -> d.toNanos() / 1e9, seconds -> Duration.ofNanos(Math.round(seconds * 1e9))))
            .build();

    private static final ObjectSchema<MetricTarget> METRIC_TARGET = ObjectSchema.<MetricTarget>builder(
                    "MetricTarget")
            .description("Keep a metric's average over the target's containers near a value per container.")
            .required("type", METRIC, MetricTarget::type, "")
            .required("averageValue", AVERAGE_VALUE, MetricTarget::averageValue, "")
            .build(v -> {
                AutoscalerMetric type = v.get("type");
                double value = v.<Double>get("averageValue");
                if (!(value > 0) || Double.isInfinite(value)) {
                    v.problem("averageValue", "must be a positive number, got " + value);
                    return null;
                }
                if (type == AutoscalerMetric.BUSY_RATIO && value > 1) {
                    v.problem("averageValue", "a BusyRatio is a share of time, at most 1, got " + value);
                    return null;
                }
                return new MetricTarget(type, value);
            });

    private static final ObjectSchema<ScalingPolicy> POLICY = ObjectSchema.<ScalingPolicy>builder("ScalingPolicy")
            .description("At most value containers, or value percent, within any periodSeconds.")
            .required("type", EnumSchema.<ScalingPolicy.Type>builder()
                    .description("Containers (Kubernetes' Pods is read too) or Percent.")
                    .value("Containers", ScalingPolicy.Type.CONTAINERS).value("Percent", ScalingPolicy.Type.PERCENT)
                    .value("Pods", ScalingPolicy.Type.CONTAINERS).build(), ScalingPolicy::type, "")
            .required("value", IntegerSchema.int32().min(1).description("The change allowed per period.").build(),
                    ScalingPolicy::value, "")
            .required("periodSeconds", WorkloadSchemas.seconds("The period; positive."), ScalingPolicy::periodSeconds,
                    "")
            .build(v -> {
                Duration period = v.get("periodSeconds");
                if (period.isZero()) {
                    v.problem("periodSeconds", "must be positive");
                    return null;
                }
                return new ScalingPolicy(v.get("type"), v.<Integer>get("value"), period);
            });

    private static final ObjectSchema<ScalingRules> RULES = ObjectSchema.<ScalingRules>builder("ScalingRules")
            .description("One direction's changes: a stabilization window and rate limits; what is left out takes"
                    + " the direction's default.")
            .optional("stabilizationWindowSeconds", WorkloadSchemas.seconds("How far back recommendations count:"
                    + " scaling up takes the lowest of them, scaling down the highest; default 0 up, 5s down."),
                    ScalingRules::stabilizationWindowSeconds, null, "")
            .optional("selectPolicy", EnumSchema.of("Which policy decides: Max (the largest change, default), Min,"
                    + " or Disabled (no change this way).", ScalingRules.SelectPolicy.values(),
                    ScalingRules.SelectPolicy::text), ScalingRules::selectPolicy, null, "")
            .optional("policies", ListSchema.of("The rate limits; not empty. Default up: 100% or 4 containers per"
                    + " second; down: 100% per second.", POLICY), ScalingRules::policies, null, "")
            .build(v -> {
                List<ScalingPolicy> policies = v.get("policies");
                if (policies != null && policies.isEmpty()) {
                    v.problem("policies", "give at least one policy, or leave it out for the default");
                    return null;
                }
                return new ScalingRules(v.get("stabilizationWindowSeconds"), v.get("selectPolicy"), policies);
            });

    private static final ObjectSchema<ScalingBehavior> BEHAVIOR = ObjectSchema.<ScalingBehavior>builder(
                    "ScalingBehavior")
            .description("How fast to scale up and down; defaults scaled for in-process workers (seconds where"
                    + " Kubernetes uses minutes).")
            .optional("scaleUp", RULES, ScalingBehavior::scaleUp, ScalingBehavior.DEFAULT_SCALE_UP, "Increases;"
                    + " default no window, up to 100% or 4 containers per second, whichever is more.")
            .optional("scaleDown", RULES, ScalingBehavior::scaleDown, ScalingBehavior.DEFAULT_SCALE_DOWN,
                    "Decreases; default a 5s window, up to 100% per second.")
            .build(v -> new ScalingBehavior(v.get("scaleUp"), v.get("scaleDown")));

    /** A HorizontalAutoscaler's spec. */
    public static final ObjectSchema<HorizontalAutoscalerSpec> SPEC = ObjectSchema.<HorizontalAutoscalerSpec>builder(
                    "HorizontalAutoscalerSpec")
            .description("What to scale, within which bounds, on which metrics and how fast.")
            .required("scaleTargetRef", SCALE_TARGET_REF, HorizontalAutoscalerSpec::scaleTargetRef, "")
            .optional("minReplicas", IntegerSchema.int32().min(1).max(ReplicaSetSpec.MAX_REPLICAS)
                    .description("The fewest replicas; default 1.").build(), HorizontalAutoscalerSpec::minReplicas,
                    1, "")
            .required("maxReplicas", IntegerSchema.int32().min(1).max(ReplicaSetSpec.MAX_REPLICAS)
                    .description("The most replicas; at least minReplicas.").build(),
                    HorizontalAutoscalerSpec::maxReplicas, "")
            .required("metrics", ListSchema.of("The targets to keep; not empty. The replica count is the largest"
                    + " any of them asks for.", METRIC_TARGET), HorizontalAutoscalerSpec::metrics, "")
            .optional("behavior", BEHAVIOR, HorizontalAutoscalerSpec::behavior, ScalingBehavior.DEFAULT, "")
            .omitDefault()
            .build(v -> {
                int min = v.<Integer>get("minReplicas");
                int max = v.<Integer>get("maxReplicas");
                List<MetricTarget> metrics = v.get("metrics");
                if (max < min) {
                    v.problem("maxReplicas", "must be at least minReplicas (" + min + "), got " + max);
                }
                if (metrics.isEmpty()) {
                    v.problem("metrics", "give at least one metric target, for example {type: MessagesPerSecond,"
                            + " averageValue: 100}");
                }
                if (max < min || metrics.isEmpty()) {
                    return null;
                }
                return new HorizontalAutoscalerSpec(v.get("scaleTargetRef"), min, max, metrics, v.get("behavior"));
            });

    private static final ObjectSchema<MetricValue> METRIC_VALUE = ObjectSchema.<MetricValue>builder("MetricValue")
            .description("A metric's current average over the target's containers.")
            .required("type", METRIC, MetricValue::type, "")
            .optional("averageValue", NumberSchema.of("The average per container, in the metric's unit."),
                    MetricValue::averageValue, 0.0, "")
            .build(v -> new MetricValue(v.get("type"), v.<Double>get("averageValue")));

    /** A HorizontalAutoscaler's status. */
    public static final ObjectSchema<HorizontalAutoscalerStatus> STATUS =
            ObjectSchema.<HorizontalAutoscalerStatus>builder("HorizontalAutoscalerStatus")
                    .description("What the autoscaler measured and decided.")
                    .optional("currentReplicas", WorkloadSchemas.count("The target's replicas when last read."),
                            HorizontalAutoscalerStatus::currentReplicas, 0, "")
                    .optional("desiredReplicas", WorkloadSchemas.count("The replicas last decided."),
                            HorizontalAutoscalerStatus::desiredReplicas, 0, "")
                    .optional("currentMetrics", ListSchema.of("Each metric's current average per container.",
                            METRIC_VALUE), HorizontalAutoscalerStatus::currentMetrics, List.of(), "")
                    .optional("lastScaleTime", TimestampSchema.of("When it last changed the target's replicas."),
                            HorizontalAutoscalerStatus::lastScaleTime, null, "")
                    .optional("conditions", MetadataSchemas.CONDITIONS, HorizontalAutoscalerStatus::conditions,
                            List.of(), "AbleToScale, ScalingActive and ScalingLimited.")
                    .optional("observedGeneration", ContainerSchemas.observedGeneration(),
                            HorizontalAutoscalerStatus::observedGeneration, 0L, "")
                    .build(v -> new HorizontalAutoscalerStatus(v.<Integer>get("currentReplicas"),
                            v.<Integer>get("desiredReplicas"), v.get("currentMetrics"), v.get("lastScaleTime"),
                            v.get("conditions"), v.<Long>get("observedGeneration")));
}
