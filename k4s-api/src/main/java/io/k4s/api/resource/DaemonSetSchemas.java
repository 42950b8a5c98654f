package io.k4s.api.resource;

import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ObjectSchema;

/** The schemas and descriptor of the {@link DaemonSet} kind. */
public final class DaemonSetSchemas {

    private DaemonSetSchemas() {}

    private enum StrategyType {
        ROLLING_UPDATE("RollingUpdate"), ON_DELETE("OnDelete");

        private final String text;

        StrategyType(String text) {
            this.text = text;
        }
    }

    private static final ObjectSchema<IntOrPercent> ROLLING_UPDATE = ObjectSchema.<IntOrPercent>builder(
                    "RollingUpdateDaemonSet")
            .description("The budget of a rolling update.")
            .optional("maxUnavailable", WorkloadSchemas.INT_OR_PERCENT, p -> p, IntOrPercent.of(1), "How many nodes"
                    + " may be without a ready container during an update: a number or a percentage of the nodes"
                    + " (rounded down, at least 1); default 1.")
            .build(v -> v.get("maxUnavailable"));

    private static final ObjectSchema<DaemonSet.UpdateStrategy> STRATEGY = ObjectSchema
            .<DaemonSet.UpdateStrategy>builder("DaemonSetUpdateStrategy")
            .description("How containers of an older template are replaced: RollingUpdate (default) or OnDelete.")
            .optional("type", EnumSchema.of("RollingUpdate (default) replaces them node by node within maxUnavailable;"
                    + " OnDelete only when they are deleted.", StrategyType.values(), t -> t.text),
                    s -> s.onDelete() ? StrategyType.ON_DELETE : StrategyType.ROLLING_UPDATE, StrategyType.ROLLING_UPDATE,
                    "")
            .optional("rollingUpdate", ROLLING_UPDATE, DaemonSet.UpdateStrategy::maxUnavailable, IntOrPercent.of(1), "")
            .build(v -> new DaemonSet.UpdateStrategy(v.get("type") == StrategyType.ON_DELETE, v.get("rollingUpdate")));

    private static final ObjectSchema<DaemonSet.DaemonSetSpec> SPEC = ObjectSchema.<DaemonSet.DaemonSetSpec>builder(
                    "DaemonSetSpec")
            .description("The container every matching node runs, and how it is replaced.")
            .required("template", ContainerSchemas.TEMPLATE, DaemonSet.DaemonSetSpec::template, "The container of"
                    + " each node; its spec.nodeSelector picks the nodes (default: every Ready node); its"
                    + " spec.nodeName must be absent.")
            .optional("updateStrategy", STRATEGY, DaemonSet.DaemonSetSpec::updateStrategy,
                    DaemonSet.UpdateStrategy.DEFAULT, "")
            .build(v -> {
                ContainerTemplate t = v.get("template");
                if (t.spec().nodeName() != null) {
                    v.problem("template", "spec.nodeName: a DaemonSet binds each container to its node itself; remove"
                            + " nodeName and pick nodes with nodeSelector");
                    return null;
                }
                return new DaemonSet.DaemonSetSpec(t, v.get("updateStrategy"));
            });

    private static final ObjectSchema<DaemonSet.DaemonSetStatus> STATUS = ObjectSchema
            .<DaemonSet.DaemonSetStatus>builder("DaemonSetStatus")
            .description("How many nodes run the DaemonSet's container.")
            .optional("desiredNumberScheduled", count("Nodes that should run it."),
                    DaemonSet.DaemonSetStatus::desiredNumberScheduled, 0, "")
            .optional("currentNumberScheduled", count("Nodes that run it, of any template."),
                    DaemonSet.DaemonSetStatus::currentNumberScheduled, 0, "")
            .optional("numberReady", count("Nodes whose container is ready."), DaemonSet.DaemonSetStatus::numberReady,
                    0, "")
            .optional("updatedNumberScheduled", count("Nodes that run the current template."),
                    DaemonSet.DaemonSetStatus::updatedNumberScheduled, 0, "")
            .optional("observedGeneration", ContainerSchemas.observedGeneration(),
                    DaemonSet.DaemonSetStatus::observedGeneration, 0L, "")
            .build(v -> new DaemonSet.DaemonSetStatus(v.<Integer>get("desiredNumberScheduled"),
                    v.<Integer>get("currentNumberScheduled"), v.<Integer>get("numberReady"),
                    v.<Integer>get("updatedNumberScheduled"), v.<Long>get("observedGeneration")));

    /** Run one container on every matching node. */
    public static final ResourceKind<DaemonSet> DAEMON_SET = ResourceKind.builder(DaemonSet.class, DaemonSet.KIND, SPEC,
                    STATUS, DaemonSet.DaemonSetStatus.EMPTY, DaemonSet::new)
            .plural("daemonsets").shortNames("ds")
            .description("Runs one container of a template on every Ready node that matches its template's"
                    + " nodeSelector, named NAME-NODE; adds one when a node joins, removes it when the node leaves.")
            .column(PrinterColumn.integer("DESIRED", "Nodes that should run it", d -> d.status().desiredNumberScheduled()))
            .column(PrinterColumn.integer("CURRENT", "Nodes that run it", d -> d.status().currentNumberScheduled()))
            .column(PrinterColumn.integer("READY", "Nodes whose container is ready", d -> d.status().numberReady()))
            .column(PrinterColumn.integer("UP-TO-DATE", "Nodes that run the current template",
                    d -> d.status().updatedNumberScheduled()))
            .column(PrinterColumn.<DaemonSet>of("NODE SELECTOR", "The labels a node needs",
                    d -> Kinds.labels(d.spec().template().spec().nodeSelector())))
            .column(PrinterColumn.<DaemonSet>of("WORKER", "The worker type", d -> d.spec().template().spec().worker())
                    .wideOnly())
            .build();

    private static IntegerSchema<Integer> count(String description) {
        return IntegerSchema.int32().min(0).description(description).build();
    }
}
