package io.k4s.api.resource;

import io.k4s.api.event.Event;
import io.k4s.api.event.EventSchemas;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MappedSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.OneOfSchema;
import io.k4s.api.schema.StringSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The descriptors of the kinds k4s ships: {@link #CONTAINER}, {@link #REPLICA_SET},
 * {@link #SERVICE}, and the workloads built on them, {@link #DEPLOYMENT}, {@link #JOB},
 * {@link #CRON_JOB} and {@link #HORIZONTAL_AUTOSCALER} (their schemas in
 * {@link WorkloadSchemas} and {@link AutoscalerSchemas}), and {@link #IMAGE}, which the node
 * agent writes ({@link ImageSchemas}), and the core kinds ConfigMap, Secret, Event, Namespace and
 * ResourceQuota ({@link QuotaSchemas}). As a {@link KindProvider} it is the built-in provider
 * every kind registry starts with.
 */
public final class Kinds implements KindProvider {

    /** Run one worker: the k4s counterpart of a pod with one container. */
    public static final ResourceKind<Container> CONTAINER = ResourceKind.builder(Container.class, Container.KIND,
                    ContainerSchemas.SPEC, ContainerSchemas.STATUS, ContainerStatus.PENDING, Container::new)
            .plural("containers").shortNames("ctr")
            .description("Runs one worker on its own thread with its own mailbox: the k4s counterpart of a pod"
                    + " with one container.")
            .column(PrinterColumn.<Container>of("READY", "Ready containers of all", c -> (c.status().ready() ? "1" : "0") + "/1"))
            .column(PrinterColumn.<Container>of("STATUS", "Terminating, the reason (such as CrashLoopBackOff) or the phase",
                    Kinds::containerStatus))
            .column(PrinterColumn.<Container>integer("RESTARTS", "How often it was restarted", c -> c.status().restartCount()))
            .column(PrinterColumn.<Container>of("WORKER", "The worker type", c -> c.spec().worker()).wideOnly())
            .column(PrinterColumn.<Container>of("IMAGE", "The worker image, NAME:VERSION, if any", c -> c.spec().image())
                    .wideOnly())
            .column(PrinterColumn.<Container>of("NODE", "The node it is bound to (spec.nodeName), if any",
                    c -> c.spec().nodeName()).wideOnly())
            .column(PrinterColumn.<Container>integer("RECEIVED", "Messages received", c -> c.status().counters().received())
                    .wideOnly())
            .column(PrinterColumn.<Container>integer("PROCESSED", "Messages handled", c -> c.status().counters().processed())
                    .wideOnly())
            .column(PrinterColumn.<Container>integer("FAILED", "Messages whose handler threw", c -> c.status().counters().failed())
                    .wideOnly())
            .column(PrinterColumn.<Container>integer("QUEUED", "Messages waiting", c -> c.status().counters().queued()).wideOnly())
            .build();

    private static final ObjectSchema<ReplicaSetSpec> REPLICA_SET_SPEC = ObjectSchema.<ReplicaSetSpec>builder(
                    "ReplicaSetSpec")
            .description("How many identical containers, and what each looks like.")
            .optional("replicas", IntegerSchema.int32().min(0).max(ReplicaSetSpec.MAX_REPLICAS)
                    .description("How many containers, 0 to " + ReplicaSetSpec.MAX_REPLICAS + "; default 1. They"
                            + " are named NAME-0 .. NAME-(n-1); scaling down removes the highest first.").build(),
                    ReplicaSetSpec::replicas, 1, "")
            .required("template", ContainerSchemas.TEMPLATE, ReplicaSetSpec::template, "")
            .optional("minReadySeconds", WorkloadSchemas.seconds("How long a container must have been ready before"
                    + " it counts as available; default 0 (available as soon as ready)."), ReplicaSetSpec::minReadySeconds, Duration.ZERO, "").omitDefault()
            .build(v -> new ReplicaSetSpec(v.<Integer>get("replicas"), v.get("template"), v.get("minReadySeconds")));

    private static final ObjectSchema<ReplicaSetStatus> REPLICA_SET_STATUS = ObjectSchema.<ReplicaSetStatus>builder(
                    "ReplicaSetStatus")
            .description("How many of the ReplicaSet's containers exist and are ready.")
            .optional("replicas", IntegerSchema.int32().min(0).description("Containers that exist.").build(),
                    ReplicaSetStatus::replicas, 0, "")
            .optional("readyReplicas", IntegerSchema.int32().min(0).description("Containers that are ready.").build(),
                    ReplicaSetStatus::readyReplicas, 0, "")
            .optional("observedGeneration", ContainerSchemas.observedGeneration(), ReplicaSetStatus::observedGeneration,
                    0L, "")
            .optional("conditions", MetadataSchemas.CONDITIONS, ReplicaSetStatus::conditions, List.of(), "")
            .optional("availableReplicas", IntegerSchema.int32().min(0).description("Containers ready for at least"
                    + " spec.minReadySeconds.").build(), ReplicaSetStatus::availableReplicas, 0, "")
            .build(v -> new ReplicaSetStatus(v.<Integer>get("replicas"), v.<Integer>get("readyReplicas"),
                    v.<Long>get("observedGeneration"), v.get("conditions"), v.<Integer>get("availableReplicas")));

    /** Keep a number of identical containers running. */
    public static final ResourceKind<ReplicaSet> REPLICA_SET = ResourceKind.builder(ReplicaSet.class, ReplicaSet.KIND,
                    REPLICA_SET_SPEC, REPLICA_SET_STATUS, ReplicaSetStatus.EMPTY, ReplicaSet::new)
            .plural("replicasets").shortNames("rs")
            .description("Keeps a number of identical containers running, named NAME-0 .. NAME-(n-1).")
            .validation((rs, context) -> nameLeavesRoomForIndices(rs))
            .scale(new ScaleAccessors<>(rs -> rs.spec().replicas(), (rs, n) -> rs.withSpec(rs.spec().withReplicas(n)),
                    rs -> rs.status().replicas(), rs -> labels(rs.spec().template().labels())))
            .column(PrinterColumn.integer("DESIRED", "Replicas asked for", rs -> rs.spec().replicas()))
            .column(PrinterColumn.integer("CURRENT", "Containers that exist", rs -> rs.status().replicas()))
            .column(PrinterColumn.integer("READY", "Containers that are ready", rs -> rs.status().readyReplicas()))
            .column(PrinterColumn.<ReplicaSet>of("WORKER", "The worker type",
                    rs -> rs.spec().template().spec().worker()).wideOnly())
            .column(PrinterColumn.<ReplicaSet>of("SELECTOR", "The labels of the containers",
                    rs -> labels(rs.spec().template().labels())).wideOnly())
            .build();

    /** A Service's selector: a glob on container names, or labels. */
    public static final OneOfSchema<Selector> SELECTOR = OneOfSchema.<Selector>builder()
            .description("Which containers the service routes to: a glob on container names (\"calc-*\"; * any"
                    + " run, ? one character, [a-z] one of a set) or a map of labels ({app: calc}).")
            .expectation("a glob on container names such as \"calc-*\" or a map of labels such as {app: calc}")
            .alternative(Selector.Glob.class, MappedSchema.of("A glob on container names.",
                    StringSchema.of("A glob on container names."), Selector::glob, Selector.Glob::pattern))
            .alternative(Selector.Labels.class, MappedSchema.of("Labels every selected container has.",
                    MetadataSchemas.LABELS, Kinds::labelSelector, Selector.Labels::labels))
            .build();

    private static final ObjectSchema<ServiceSpec> SERVICE_SPEC = ObjectSchema.<ServiceSpec>builder("ServiceSpec")
            .description("Which containers the service routes to and how it picks one.")
            .required("selector", SELECTOR, ServiceSpec::selector, "")
            .optional("loadBalancing", EnumSchema.of("How an endpoint is picked: Random (default), RoundRobin, or"
                    + " LeastLoaded (fewest queued messages).", LoadBalancing.values(), LoadBalancing::text),
                    ServiceSpec::loadBalancing, LoadBalancing.RANDOM, "")
            .build(v -> new ServiceSpec(v.get("selector"), v.get("loadBalancing")));

    private static final ObjectSchema<ServiceStatus> SERVICE_STATUS = ObjectSchema.<ServiceStatus>builder(
                    "ServiceStatus")
            .description("The service's endpoints: the ready containers its selector matches.")
            .optional("endpoints", ListSchema.of("Names of the ready matching containers, sorted.",
                    StringSchema.of("A container name.")), ServiceStatus::endpoints, List.of(), "")
            .optional("conditions", MetadataSchemas.CONDITIONS, ServiceStatus::conditions, List.of(), "")
            .optional("observedGeneration", ContainerSchemas.observedGeneration(), ServiceStatus::observedGeneration,
                    0L, "")
            .build(v -> new ServiceStatus(v.get("endpoints"), v.get("conditions"), v.<Long>get("observedGeneration")));

    /** Give a set of containers one address. */
    public static final ResourceKind<Service> SERVICE = ResourceKind.builder(Service.class, Service.KIND,
                    SERVICE_SPEC, SERVICE_STATUS, ServiceStatus.EMPTY, Service::new)
            .plural("services").shortNames("svc")
            .description("Gives a set of containers one address and balances messages across the ready ones.")
            .column(PrinterColumn.of("SELECTOR", "The glob or labels", s -> s.spec().selector().toString()))
            .column(PrinterColumn.of("POLICY", "The load-balancing policy", s -> s.spec().loadBalancing().text()))
            .column(PrinterColumn.of("ENDPOINTS", "The ready containers it routes to", s -> s.status().endpoints()))
            .build();

    /** Run replicas of a template and roll out its changes. */
    public static final ResourceKind<Deployment> DEPLOYMENT = ResourceKind.builder(Deployment.class, Deployment.KIND,
                    WorkloadSchemas.DEPLOYMENT_SPEC, WorkloadSchemas.DEPLOYMENT_STATUS, DeploymentStatus.EMPTY,
                    Deployment::new)
            .plural("deployments").shortNames("deploy")
            .description("Runs replicas of a template through one ReplicaSet per template it has run, and replaces"
                    + " them without downtime when the template changes (RollingUpdate or Recreate).")
            .scale(new ScaleAccessors<>(d -> d.spec().replicas(), (d, n) -> d.withSpec(d.spec().withReplicas(n)),
                    d -> d.status().replicas(), d -> labels(d.spec().template().labels())))
            .column(PrinterColumn.<Deployment>of("READY", "Ready containers of those asked for",
                    d -> d.status().readyReplicas() + "/" + d.spec().replicas()))
            .column(PrinterColumn.integer("UP-TO-DATE", "Containers of the current template",
                    d -> d.status().updatedReplicas()))
            .column(PrinterColumn.integer("AVAILABLE", "Containers ready for at least minReadySeconds",
                    d -> d.status().availableReplicas()))
            .column(PrinterColumn.<Deployment>of("WORKER", "The worker type",
                    d -> d.spec().template().spec().worker()).wideOnly())
            .column(PrinterColumn.<Deployment>of("SELECTOR", "The labels of the containers",
                    d -> labels(d.spec().template().labels())).wideOnly())
            .build();

    /** Run a worker to completion. */
    public static final ResourceKind<Job> JOB = ResourceKind.builder(Job.class, Job.KIND, WorkloadSchemas.JOB_SPEC,
                    WorkloadSchemas.JOB_STATUS, JobStatus.EMPTY, Job::new)
            .plural("jobs")
            .description("Runs containers of a template to completion: until completions of them succeeded, at most"
                    + " parallelism at a time, retrying failed runs up to backoffLimit.")
            .column(PrinterColumn.<Job>of("COMPLETIONS", "Succeeded containers of those asked for",
                    Kinds::completions))
            .column(PrinterColumn.<Job>of("DURATION", "How long it ran (so far)", Kinds::jobDuration))
            .column(PrinterColumn.<Job>of("WORKER", "The worker type", j -> j.spec().template().spec().worker())
                    .wideOnly())
            .build();

    /** Create Jobs on a schedule. */
    public static final ResourceKind<CronJob> CRON_JOB = ResourceKind.builder(CronJob.class, CronJob.KIND,
                    WorkloadSchemas.CRON_JOB_SPEC, WorkloadSchemas.CRON_JOB_STATUS, CronJobStatus.EMPTY, CronJob::new)
            .plural("cronjobs").shortNames("cj")
            .description("Creates a Job from its template on a cron schedule, and keeps a history of finished ones.")
            .column(PrinterColumn.<CronJob>of("SCHEDULE", "The cron schedule", c -> c.spec().schedule()))
            .column(PrinterColumn.<CronJob>of("SUSPEND", "Whether new Jobs are held back",
                    c -> c.spec().suspend() ? "True" : "False"))
            .column(PrinterColumn.integer("ACTIVE", "Jobs still running", c -> c.status().active().size()))
            .column(new PrinterColumn<CronJob>("LAST SCHEDULE", "date", "When the last Job was scheduled", false,
                    c -> c.status().lastScheduleTime()))
            .column(PrinterColumn.<CronJob>of("WORKER", "The worker type",
                    c -> c.spec().jobTemplate().spec().template().spec().worker()).wideOnly())
            .build();

    /** Scale a Deployment or ReplicaSet on its containers' load. */
    public static final ResourceKind<HorizontalAutoscaler> HORIZONTAL_AUTOSCALER = ResourceKind.builder(
                    HorizontalAutoscaler.class, HorizontalAutoscaler.KIND, AutoscalerSchemas.SPEC,
                    AutoscalerSchemas.STATUS, HorizontalAutoscalerStatus.EMPTY, HorizontalAutoscaler::new)
            .plural("horizontalautoscalers").shortNames("hpa")
            .description("Scales a Deployment or ReplicaSet between minReplicas and maxReplicas so that its"
                    + " containers' average load (mailbox depth, message rate, busy ratio, latency) stays near a"
                    + " target.")
            .column(PrinterColumn.<HorizontalAutoscaler>of("REFERENCE", "What it scales, Kind/name",
                    h -> h.spec().scaleTargetRef().toString()))
            .column(PrinterColumn.<HorizontalAutoscaler>of("TARGETS", "Each metric's current average / its target",
                    Kinds::targets))
            .column(PrinterColumn.integer("MINPODS", "The fewest replicas", h -> h.spec().minReplicas()))
            .column(PrinterColumn.integer("MAXPODS", "The most replicas", h -> h.spec().maxReplicas()))
            .column(PrinterColumn.integer("REPLICAS", "The target's replicas when last read",
                    h -> h.status().currentReplicas()))
            .build();

    /**
     * A worker image the nodes have loaded from their plugins folders: written by each node's agent (k4s-core), not
     * reconciled.
     */
    public static final ResourceKind<Image> IMAGE = ResourceKind.builder(Image.class, Image.KIND, ImageSchemas.SPEC,
                    ImageSchemas.STATUS, ImageStatus.EMPTY, Image::new)
            .plural("images").shortNames("img").clusterScoped()
            .description("A worker image: the jar NAME-VERSION.jar or the folder of jars NAME-VERSION/ in a node's"
                    + " plugins folder, loaded in a class loader of its own. Each node's agent reports the images of"
                    + " its own folder in status.nodes (creating the Image when the first node has it): worker types,"
                    + " source, the containers running on it; it removes its entry once the image is gone there and"
                    + " unused, and the Image is deleted when no node holds it. Named NAME-VERSION (the version in"
                    + " lower case); containers name it image: NAME:VERSION.")
            .column(PrinterColumn.<Image>of("IMAGE", "NAME:VERSION, as a container names it",
                    i -> i.spec().reference().toString()))
            .column(PrinterColumn.<Image>of("STATUS", "Available, Broken, Removed or Pending", i -> i.status().phase().text()))
            .column(PrinterColumn.<Image>of("WORKERS", "The worker types it offers",
                    i -> i.status().workers().stream().map(ImageWorker::name).toList()))
            .column(PrinterColumn.<Image>integer("CONTAINERS", "Containers running on it", i -> i.status().containerCount()))
            .column(PrinterColumn.<Image>of("NODES", "The nodes that hold it",
                    i -> i.status().nodes().stream().map(ImageNodeStatus::node).toList()))
            .column(PrinterColumn.<Image>of("SOURCE", "The jar or folder it was loaded from", i -> i.status().source())
                    .wideOnly())
            .build();

    /** Configuration that containers take as params. */
    public static final ResourceKind<ConfigMap> CONFIG_MAP = ResourceKind.builder(ConfigMap.class, ConfigMap.KIND,
                    ConfigSchemas.CONFIG_MAP_DATA, ConfigMap::new)
            .apiVersion(ConfigSchemas.CORE_API_VERSION).specInline().shortNames("cm")
            .description("Holds configuration as string key-value pairs that containers take as params"
                    + " (paramsFrom.configMapRef, valueFrom.configMapKeyRef).")
            .column(PrinterColumn.integer("DATA", "How many keys", cm -> cm.data().size()))
            .build();

    /** Secret values that only the containers referencing them receive. */
    public static final ResourceKind<Secret> SECRET = ResourceKind.builder(Secret.class, Secret.KIND,
                    ConfigSchemas.SECRET_DATA, Secret::new)
            .apiVersion(ConfigSchemas.CORE_API_VERSION).specInline()
            .description("Holds secret values (data in base64, stringData in plain text) that only the containers"
                    + " referencing them receive as params; no output shows them.")
            .redaction(Secret::redact)
            .column(PrinterColumn.<Secret>of("TYPE", "The type", s -> s.spec().type()))
            .column(PrinterColumn.integer("DATA", "How many keys", s -> s.spec().data().size()))
            .build();

    private static final ObjectSchema<Namespace.NamespaceSpec> NAMESPACE_SPEC = ObjectSchema
            .<Namespace.NamespaceSpec>builder("NamespaceSpec")
            .description("Nothing yet: a namespace is a name that other resources live in.")
            .build(v -> Namespace.NamespaceSpec.EMPTY);

    private static final ObjectSchema<Namespace.NamespaceStatus> NAMESPACE_STATUS = ObjectSchema
            .<Namespace.NamespaceStatus>builder("NamespaceStatus")
            .description("Where the namespace is in its life.")
            .optional("phase", StringSchema.of("Active, or Terminating while what it holds is deleted."),
                    Namespace.NamespaceStatus::phase, "Active", "")
            .build(v -> new Namespace.NamespaceStatus(v.get("phase")));

    /** A namespace: deleting it deletes what it holds. */
    public static final ResourceKind<Namespace> NAMESPACE = ResourceKind.builder(Namespace.class, Namespace.KIND,
                    NAMESPACE_SPEC, NAMESPACE_STATUS, Namespace.NamespaceStatus.ACTIVE, Namespace::new)
            .apiVersion(ConfigSchemas.CORE_API_VERSION).clusterScoped().specInline().shortNames("ns")
            .description("A namespace that other resources live in; deleting it deletes everything in it (status"
                    + " Terminating meanwhile). \"default\" always exists.")
            .column(PrinterColumn.<Namespace>of("STATUS", "Active or Terminating", n -> n.status().phase()))
            .build();

    /** What happened to resources: written by the controllers and the runtime. */
    public static final ResourceKind<Event> EVENT = EventSchemas.EVENT;

    private static final List<ResourceKind<?>> BUILT_IN = List.of(CONTAINER, REPLICA_SET, SERVICE, DEPLOYMENT, JOB,
            CRON_JOB, HORIZONTAL_AUTOSCALER, IMAGE, CONFIG_MAP, SECRET, EVENT, NAMESPACE, QuotaSchemas.RESOURCE_QUOTA,
            NodeSchemas.NODE, NodeSchemas.LEASE, DaemonSetSchemas.DAEMON_SET);

    /** The built-in provider; kind registries create it themselves. */
    public Kinds() {}

    /** Container, ReplicaSet, Service, Deployment, Job, CronJob, HorizontalAutoscaler, Image, ConfigMap, Secret, Event,
     * Namespace, ResourceQuota, Node, Lease and DaemonSet. */
    @Override
    public List<ResourceKind<?>> kinds() {
        return BUILT_IN;
    }

    /** Container, ReplicaSet, Service, Deployment, Job, CronJob, HorizontalAutoscaler, Image, ConfigMap, Secret, Event,
     * Namespace, ResourceQuota, Node, Lease and DaemonSet. */
    public static List<ResourceKind<?>> builtIn() {
        return BUILT_IN;
    }

    private static Object containerStatus(Container c) {
        if (c.metadata().deleting()) {
            return "Terminating";
        }
        return c.status().reason().isEmpty() ? c.status().phase().text() : c.status().reason();
    }

    /** {@code 1/1} as kubectl shows it; a work queue {@code 0/1 of 3} with its parallelism. */
    private static Object completions(Job j) {
        int succeeded = j.status().succeeded();
        if (j.spec().completions() != null) {
            return succeeded + "/" + j.spec().completions();
        }
        return succeeded + "/1" + (j.spec().parallelism() > 1 ? " of " + j.spec().parallelism() : "");
    }

    /** From its start to its completion, or to now while it runs; none before it started. */
    private static Object jobDuration(Job j) {
        Instant start = j.status().startTime();
        if (start == null) {
            return null;
        }
        Instant end = j.status().completionTime() != null ? j.status().completionTime() : Instant.now();
        Duration d = Duration.between(start, end);
        return d.isNegative() ? Duration.ZERO : d.truncatedTo(ChronoUnit.SECONDS);
    }

    /** {@code current/target} per metric, as kubectl shows an autoscaler's TARGETS. */
    private static Object targets(HorizontalAutoscaler h) {
        List<String> targets = new ArrayList<>();
        for (MetricTarget t : h.spec().metrics()) {
            String current = h.status().currentMetrics().stream().filter(m -> m.type() == t.type()).findFirst()
                    .map(m -> figure(t.type(), m.averageValue())).orElse("<unknown>");
            targets.add(current + "/" + figure(t.type(), t.averageValue()));
        }
        return String.join(", ", targets);
    }

    /** A metric's figure: a latency in milliseconds ({@code 66.67ms}), anything else as a number. */
    private static String figure(AutoscalerMetric type, double value) {
        return type == AutoscalerMetric.REQUEST_LATENCY ? number(value * 1000) + "ms" : number(value);
    }

    /** A figure with at most two decimals and no trailing zeros: {@code 100}, {@code 0.5}. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A ReplicaSet's name must leave room for {@code -INDEX}: {@link ResourceNames#replicaSetNameProblem}. */
    private static List<FieldError> nameLeavesRoomForIndices(ReplicaSet rs) {
        String problem = ResourceNames.replicaSetNameProblem(rs.metadata().name());
        return problem == null ? List.of() : List.of(new FieldError("metadata.name", problem));
    }

    private static Selector.Labels labelSelector(Map<String, String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a label selector must name at least one label");
        }
        return Selector.labels(labels);
    }

    /** {@code key=value,key=value}, or empty. */
    static String labels(Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        labels.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
