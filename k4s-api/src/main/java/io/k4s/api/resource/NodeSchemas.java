package io.k4s.api.resource;

import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import java.time.Duration;
import java.util.List;

/** The schemas and descriptors of the {@link Node} and {@link Lease} kinds. */
public final class NodeSchemas {

    private NodeSchemas() {}

    private static final ObjectSchema<Node.NodeSpec> NODE_SPEC = ObjectSchema.<Node.NodeSpec>builder("NodeSpec")
            .description("What the node asks for.")
            .optional("unschedulable", BooleanSchema.of("Whether the scheduler binds no new containers to it (kubectl's"
                    + " cordon); those bound already keep running. Default false."), Node.NodeSpec::unschedulable,
                    false, "")
            .build(v -> new Node.NodeSpec(v.<Boolean>get("unschedulable")));

    private static final ObjectSchema<Integer> CAPACITY = ObjectSchema.<Integer>builder("NodeCapacity")
            .description("What the node can take.")
            .optional("containers", IntegerSchema.int32().min(0).description("The most containers the scheduler binds"
                    + " to it; absent: no limit.").build(), c -> c, null, "")
            .build(v -> v.get("containers"));

    /** A node condition: Ready, True, False or Unknown. */
    public static final ObjectSchema<Node.NodeCondition> NODE_CONDITION = ObjectSchema.<Node.NodeCondition>builder(
                    "NodeCondition")
            .description("One aspect of the node's state.")
            .required("type", StringSchema.of("What it is about: Ready."), Node.NodeCondition::type, "")
            .required("status", EnumSchema.of("True, False, or Unknown when the node stopped renewing its lease.",
                    Node.NodeCondition.Status.values(), Node.NodeCondition.Status::text), Node.NodeCondition::status, "")
            .optional("reason", StringSchema.of("A CamelCase word, such as NodeReady or NodeStatusUnknown."),
                    Node.NodeCondition::reason, "", "")
            .optional("message", StringSchema.of("A sentence for people."), Node.NodeCondition::message, "", "")
            .optional("lastHeartbeatTime", TimestampSchema.of("When the node last reported it."),
                    Node.NodeCondition::lastHeartbeatTime, null, "")
            .optional("lastTransitionTime", TimestampSchema.of("When its status last changed."),
                    Node.NodeCondition::lastTransitionTime, null, "")
            .build(v -> new Node.NodeCondition(v.get("type"), v.get("status"), v.get("reason"), v.get("message"),
                    v.get("lastHeartbeatTime"), v.get("lastTransitionTime")));

    private static final ObjectSchema<Node.NodeStatus> NODE_STATUS = ObjectSchema.<Node.NodeStatus>builder(
                    "NodeStatus")
            .description("What the node has and how it is: written by its node agent and the node lifecycle"
                    + " controller.")
            .optional("capacity", CAPACITY, Node.NodeStatus::capacity, null, "")
            .optional("conditions", ListSchema.of("Ready: True while the node renews its lease, Unknown (reason"
                    + " NodeStatusUnknown) once it stopped.", NODE_CONDITION), Node.NodeStatus::conditions, List.of(), "")
            .optional("images", ListSchema.of("The worker images containers can start from on the node (loaded from"
                    + " its plugins folder, not broken), NAME:VERSION, sorted: the scheduler binds a container that"
                    + " names an image only to a node that lists it.",
                    StringSchema.of("An image.")), Node.NodeStatus::images, List.of(), "")
            .build(v -> new Node.NodeStatus(v.get("capacity"), v.get("conditions"), v.get("images")));

    /** A node: a k4s JVM that runs the containers bound to it. */
    public static final ResourceKind<Node> NODE = ResourceKind.builder(Node.class, Node.KIND, NODE_SPEC, NODE_STATUS,
                    Node.NodeStatus.EMPTY, Node::new)
            .apiVersion(ConfigSchemas.CORE_API_VERSION).clusterScoped().shortNames("no")
            .description("A k4s JVM that runs the containers bound to it (spec.nodeName). Its node agent registers"
                    + " it, renews its Lease in " + Lease.NODE_LEASE_NAMESPACE + " and reports Ready; a node whose"
                    + " lease runs out turns Ready Unknown and its containers are recreated elsewhere.")
            .column(PrinterColumn.<Node>of("STATUS", "Ready, NotReady or Unknown; SchedulingDisabled when cordoned",
                    NodeSchemas::nodeStatus))
            .column(PrinterColumn.<Node>of("CAPACITY", "The most containers it takes", n ->
                    n.status().capacity() == null ? "none" : n.status().capacity().toString()))
            .column(PrinterColumn.<Node>of("LABELS", "Its labels", n -> Kinds.labels(n.metadata().labels()))
                    .wideOnly())
            .column(PrinterColumn.<Node>of("IMAGES", "The worker images containers can start from on it",
                    n -> n.status().images()).wideOnly())
            .build();

    private static final ObjectSchema<Lease.LeaseSpec> LEASE_SPEC = ObjectSchema.<Lease.LeaseSpec>builder("LeaseSpec")
            .description("Who holds the lease and until when.")
            .optional("holderIdentity", StringSchema.of("Who holds it: a node's name."), Lease.LeaseSpec::holderIdentity,
                    null, "")
            .optional("leaseDurationSeconds", IntegerSchema.int32().min(1).description("How long after renewTime it"
                    + " runs out, in seconds; default 10.").build(), Lease.LeaseSpec::leaseDurationSeconds, 10, "")
            .optional("acquireTime", TimestampSchema.of("When the holder took it."), Lease.LeaseSpec::acquireTime, null,
                    "")
            .optional("renewTime", TimestampSchema.of("When the holder last renewed it."), Lease.LeaseSpec::renewTime,
                    null, "")
            .optional("leaseTransitions", IntegerSchema.int32().min(0).description("How often it changed holders.")
                    .build(), Lease.LeaseSpec::leaseTransitions, 0, "")
            .build(v -> new Lease.LeaseSpec(v.get("holderIdentity"), v.<Integer>get("leaseDurationSeconds"),
                    v.get("acquireTime"), v.get("renewTime"), v.<Integer>get("leaseTransitions")));

    /** A lease: its holder renews it to say it is alive. */
    public static final ResourceKind<Lease> LEASE = ResourceKind.builder(Lease.class, Lease.KIND, LEASE_SPEC,
                    Lease::new)
            .apiVersion(Lease.API_VERSION)
            .description("A lease its holder renews to say it is alive: every node renews one named after itself in"
                    + " the namespace " + Lease.NODE_LEASE_NAMESPACE + ".")
            .column(PrinterColumn.<Lease>of("HOLDER", "Who holds it", l -> l.spec().holderIdentity()))
            .column(PrinterColumn.<Lease>of("RENEWED", "When it was last renewed", l -> l.spec().renewTime()))
            .column(PrinterColumn.<Lease>of("DURATION", "How long after a renewal it runs out",
                    l -> Duration.ofSeconds(l.spec().leaseDurationSeconds())).wideOnly())
            .build();

    private static String nodeStatus(Node n) {
        String ready = n.status().condition(Node.READY).map(c -> switch (c.status()) {
            case TRUE -> "Ready";
            case FALSE -> "NotReady";
            case UNKNOWN -> "NotReady";
        }).orElse("Unknown");
        return n.spec().unschedulable() ? ready + ",SchedulingDisabled" : ready;
    }
}
