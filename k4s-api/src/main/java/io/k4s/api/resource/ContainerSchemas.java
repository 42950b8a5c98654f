package io.k4s.api.resource;

import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.DurationSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.FreeFormSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MapSchema;
import io.k4s.api.schema.NumberSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import io.k4s.api.schema.ValidationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schemas of a container's spec and status, and of the container template that workload
 * kinds (ReplicaSet, Deployment, Job and, through its Job template, CronJob) embed.
 */
public final class ContainerSchemas {

    private ContainerSchemas() {}

    /** How a container restarts. */
    public static final EnumSchema<RestartPolicy> RESTART_POLICY = EnumSchema.of(
            "What happens when the worker ends: Always restarts after a crash and after a clean exit (default),"
                    + " OnFailure after a crash only, Never never.", RestartPolicy.values(), RestartPolicy::text);

    /** Which thread a container's worker runs on. */
    public static final EnumSchema<ContainerExecutor> EXECUTOR = EnumSchema.of(
            "The thread the worker runs on: virtual (default), a virtual thread, fit for I/O-bound and short"
                    + " handlers; or platform, a thread of its own that the operating system time-slices, for"
                    + " CPU-bound work or code that pins its carrier (long computations, blocking inside"
                    + " synchronized on Java 21, native calls), which on a virtual thread would hold up other"
                    + " containers.", ContainerExecutor.values(), ContainerExecutor::text);

    /** How a worker is probed: Kubernetes' probe fields, durations in seconds or with units. */
    public static final ObjectSchema<Probe> PROBE = ObjectSchema.<Probe>builder("Probe")
            .description("How often and how patiently the worker's health is asked (Worker.readiness or"
                    + " Worker.liveness), as a Kubernetes probe. Durations are seconds (10) or carry a unit (500ms).")
            .optional("initialDelaySeconds", probeDuration("How long after the worker's start returned the first"
                    + " probe runs. Default 0."), Probe::initialDelay, Duration.ZERO, "")
            .optional("periodSeconds", probeDuration("How often the probe runs, at least "
                    + Probe.MIN_PERIOD_MILLIS + "ms. Default 10."), Probe::period, Probe.DEFAULT_PERIOD, "")
            .optional("timeoutSeconds", probeDuration("How long a probe may take; a later answer counts as down."
                    + " Default 1."), Probe::timeout, Probe.DEFAULT_TIMEOUT, "")
            .optional("successThreshold", IntegerSchema.int32().min(1).max(1000).description("How many successes in"
                    + " a row make a failed probe succeed again. Default 1; must be 1 for liveness and startup"
                    + " probes.").build(), Probe::successThreshold, 1, "")
            .optional("failureThreshold", IntegerSchema.int32().min(1).max(1000).description("How many failures in"
                    + " a row make the probe fail. Default " + Probe.DEFAULT_FAILURE_THRESHOLD + ".").build(),
                    Probe::failureThreshold, Probe.DEFAULT_FAILURE_THRESHOLD, "")
            .build(v -> {
                Duration period = v.get("periodSeconds");
                if (period.toMillis() < Probe.MIN_PERIOD_MILLIS) {
                    v.problem("periodSeconds", "at least " + Probe.MIN_PERIOD_MILLIS + "ms, got " + period.toMillis()
                            + "ms");
                    return null;
                }
                Duration timeout = v.get("timeoutSeconds");
                if (timeout.isZero()) {
                    v.problem("timeoutSeconds", "must be positive, such as 1 or 500ms");
                    return null;
                }
                return new Probe(v.get("initialDelaySeconds"), period, timeout, v.<Integer>get("successThreshold"),
                        v.<Integer>get("failureThreshold"));
            });

    /** How long one handle may run: resources.handleTimeout. */
    private static final DurationSchema HANDLE_TIMEOUT = DurationSchema.builder().description("How long one"
            + " handle may run, such as 2s or 500ms (a bare integer is milliseconds): past it the request fails with"
            + " HandleTimeoutException, the handler is interrupted and the container counts as not alive (restarted"
            + " per restartPolicy). Default: no limit.").build();

    /** What one container may take. */
    public static final ObjectSchema<ContainerResources> RESOURCES = ObjectSchema.<ContainerResources>builder(
                    "ContainerResources")
            .description("What the container may take: its mailbox capacity, its message rate and how long one"
                    + " handle may run.")
            .optional("mailboxCapacity", IntegerSchema.int32().min(1).max(ContainerSpec.MAX_MAILBOX_CAPACITY)
                    .description("The most messages that may wait in the mailbox; a full mailbox refuses at once."
                            + " Default " + ContainerSpec.DEFAULT_MAILBOX_CAPACITY + ", at most "
                            + ContainerSpec.MAX_MAILBOX_CAPACITY + ".").build(),
                    ContainerResources::mailboxCapacity, ContainerSpec.DEFAULT_MAILBOX_CAPACITY, "").omitDefault()
            .optional("maxHandleRate", NumberSchema.of("The most messages a second the container accepts (Guava's"
                    + " RateLimiter, a token bucket); a message over it is refused at once as an overload"
                    + " (RateLimitedException, a MailboxFullException), never queued. Default 0: no limit."),
                    ContainerResources::maxHandleRate, 0.0, "").omitDefault()
            .optional("handleTimeout", HANDLE_TIMEOUT, ContainerResources::handleTimeout, null, "")
            .build(v -> {
                double rate = v.<Double>get("maxHandleRate");
                if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
                    v.problem("maxHandleRate", "expected a number of messages per second, at least 0 (0: no limit)");
                    return null;
                }
                return new ContainerResources(v.<Integer>get("mailboxCapacity"), rate, v.get("handleTimeout"));
            });

    /** A worker run to completion before the main one. */
    public static final ObjectSchema<InitWorker> INIT_WORKER = ObjectSchema.<InitWorker>builder("InitWorker")
            .description("A worker run to completion (its start ends the run with WorkerContext.exit(), or fails)"
                    + " before the main worker starts, as an init container.")
            .required("name", StringSchema.builder().description("Its name, unique within the container.")
                    .check((n, context) -> n.isBlank() ? "must not be empty" : null).build(), InitWorker::name, "")
            .required("worker", workerType(), InitWorker::worker, "")
            .optional("params", FreeFormSchema.map().expectation("a map of parameters")
                    .description("The init worker's parameters; a param may be {valueFrom: {configMapKeyRef|"
                            + "secretKeyRef: {name, key, optional}}}, resolved as the main worker's.").build(),
                    InitWorker::params, Map.of(), "")
            .build(ContainerSchemas::initWorker);

    /** Which worker a container runs and how. */
    public static final ObjectSchema<ContainerSpec> SPEC = ObjectSchema.<ContainerSpec>builder("ContainerSpec")
            .description("Which worker a container runs and how.")
            .required("worker", workerType(), ContainerSpec::worker, "")
            .optional("params", FreeFormSchema.map().expectation("a map of parameters")
                    .description("The worker's parameters: any map of strings, numbers, booleans, lists and maps,"
                            + " read with WorkerContext.params(). A param written as {valueFrom: {configMapKeyRef:"
                            + " {name, key, optional}}} or {valueFrom: {secretKeyRef: {...}}} takes one key of a"
                            + " ConfigMap or Secret, resolved each time the container starts; a missing one (unless"
                            + " optional) keeps the container Pending (CreateContainerConfigError).").build(),
                    ContainerSpec::params, Map.of(), "")
            .optional("restartPolicy", RESTART_POLICY, ContainerSpec::restartPolicy, RestartPolicy.ALWAYS, "")
            .optional("mailboxCapacity", IntegerSchema.int32().min(1).max(ContainerSpec.MAX_MAILBOX_CAPACITY)
                    .description("The old place of resources.mailboxCapacity, still accepted (and never written):"
                            + " the most messages that may wait in the mailbox. Default "
                            + ContainerSpec.DEFAULT_MAILBOX_CAPACITY + ".").build(),
                    s -> null, ContainerSpec.DEFAULT_MAILBOX_CAPACITY, "")
            .optional("terminationGracePeriod", DurationSchema.builder().description("How long a stop waits for the"
                    + " mailbox to drain and the worker's stop to return, such as 5s or 250ms (a bare integer is"
                    + " milliseconds). Default 5s.").build(), ContainerSpec::terminationGracePeriod,
                    ContainerSpec.DEFAULT_GRACE_PERIOD, "")
            .optional("executor", EXECUTOR, ContainerSpec::executor, ContainerExecutor.VIRTUAL, "")
            .optional("resources", RESOURCES, ContainerSpec::resources, ContainerResources.DEFAULT, "")
            .optional("handleTimeout", DurationSchema.builder().description("The older place of"
                    + " resources.handleTimeout, still accepted (and never written); giving both with different values"
                    + " is an error.").build(), s -> null, null, "")
            .optional("readinessProbe", PROBE, ContainerSpec::readinessProbe, null, "When and how often"
                    + " Worker.readiness is asked; while it fails the container is out of every Service's endpoints"
                    + " (still reachable at its own address). Default: none, ready once start returned.")
            .optional("livenessProbe", PROBE, ContainerSpec::livenessProbe, null, "When and how often"
                    + " Worker.liveness is asked; when it fails the container is restarted per restartPolicy, with"
                    + " back-off. Default: none.")
            .optional("startupProbe", PROBE, ContainerSpec::startupProbe, null, "A probe of Worker.liveness that"
                    + " holds the readiness and liveness probes until it first succeeds; failing, it restarts the"
                    + " container as a liveness failure. Default: none.")
            .optional("initWorkers", ListSchema.of("Workers run to completion, one after the other, before the main"
                    + " worker starts; a failure follows restartPolicy. Names unique.", INIT_WORKER),
                    ContainerSpec::initWorkers, List.of(), "")
            .optional("image", ImageSchemas.REFERENCE, ContainerSpec::image, null, "")
            .optional("paramsFrom", ConfigSchemas.PARAMS_FROM, ContainerSpec::paramsFrom, List.of(), "")
            .optional("nodeName", StringSchema.builder().description("The node the container runs on, as a pod's"
                    + " spec.nodeName: the scheduler sets it (its binding) when it is absent; set by hand, the"
                    + " container runs on that node without being scheduled. Default: absent (unscheduled).")
                    .check(ResourceNames::nameProblem).build(), ContainerSpec::nodeName, null, "")
            .optional("nodeSelector", MapSchema.builder(StringSchema.of("A label value the node must have."))
                    .description("Labels a node must all have for the scheduler to bind the container there, as a"
                            + " pod's spec.nodeSelector. Default: none (any Ready node).")
                    .entryCheck(ResourceNames::labelProblem).build(), ContainerSpec::nodeSelector, Map.of(), "")
            .omitDefault()
            // Worker types are checked here rather than at their fields, because which types exist depends on image.
            .validation(ContainerSchemas::workerProblems)
            .build(ContainerSchemas::spec);

    /** A container's message counters. */
    public static final ObjectSchema<MessageCounters> COUNTERS = ObjectSchema.<MessageCounters>builder(
                    "MessageCounters")
            .description("The container's message counters since it was first started.")
            .optional("received", count("Messages accepted into the mailbox."), MessageCounters::received, 0L, "")
            .optional("processed", count("Messages whose handler returned normally."), MessageCounters::processed,
                    0L, "")
            .optional("failed", count("Messages whose handler threw."), MessageCounters::failed, 0L, "")
            .optional("queued", IntegerSchema.int32().min(0).description("Messages waiting in the mailbox.").build(),
                    MessageCounters::queued, 0, "")
            .optional("requests", count("Requests the worker answered, with a reply or a failure."),
                    MessageCounters::requests, 0L, "")
            .optional("requestTime", DurationSchema.builder().description("The total time those requests took, each"
                    + " from its sending to its answer (mailbox wait plus handle); divided by requests, the mean"
                    + " request latency.").build(), MessageCounters::requestTime, Duration.ZERO, "")
            .build(v -> new MessageCounters(v.<Long>get("received"), v.<Long>get("processed"), v.<Long>get("failed"),
                    v.<Integer>get("queued"), v.<Long>get("requests"), v.<Duration>get("requestTime")));

    /** What the kubelet observed of a container. */
    public static final ObjectSchema<ContainerStatus> STATUS = ObjectSchema.<ContainerStatus>builder(
                    "ContainerStatus")
            .description("What the kubelet (the ContainerReconciler) observed of the container.")
            .optional("phase", EnumSchema.of("Where the container is in its life: Pending, Running, Succeeded or"
                    + " Failed.", ContainerPhase.values(), ContainerPhase::text), ContainerStatus::phase,
                    ContainerPhase.PENDING, "")
            .optional("reason", StringSchema.of("A CamelCase word such as CrashLoopBackOff."),
                    ContainerStatus::reason, "", "")
            .optional("message", StringSchema.of("A sentence for people."), ContainerStatus::message, "", "")
            .optional("ready", BooleanSchema.of("Whether the container accepts messages from services."),
                    ContainerStatus::ready, false, "")
            .optional("restartCount", IntegerSchema.int32().min(0).description("How often it was restarted.")
                    .build(), ContainerStatus::restartCount, 0, "")
            .optional("startedAt", TimestampSchema.of("When the current run started."), ContainerStatus::startedAt,
                    null, "")
            .optional("counters", COUNTERS, ContainerStatus::counters, MessageCounters.ZERO, "")
            .optional("lastError", StringSchema.of("The last error: a crash or a failed message."),
                    ContainerStatus::lastError, "", "")
            .optional("observedGeneration", observedGeneration(), ContainerStatus::observedGeneration, 0L, "")
            .optional("result", StringSchema.builder().description("What the worker's last run ended with through"
                    + " WorkerContext.exit(result), as text of at most " + ContainerStatus.MAX_RESULT_LENGTH
                    + " characters; empty when it gave none.").check(ContainerSchemas::resultProblem).build(),
                    ContainerStatus::result, "", "")
            .optional("readySince", TimestampSchema.of("Since when the container has been ready without a break;"
                    + " absent while it is not ready. What minReadySeconds counts from."),
                    ContainerStatus::readySince, null, "")
            .optional("conditions", MetadataSchemas.CONDITIONS, ContainerStatus::conditions, List.of(), "Ready and"
                    + " ContainersReady, as a pod's, with the reason and message of the last probe that decided them.")
            .build(v -> new ContainerStatus(v.get("phase"), v.get("reason"), v.get("message"), v.<Boolean>get("ready"),
                    v.<Integer>get("restartCount"), v.get("startedAt"), v.get("counters"), v.get("lastError"),
                    v.<Long>get("observedGeneration"), v.get("result"), v.get("readySince"), v.get("conditions")));

    private static final ObjectSchema<TemplateMetadata> TEMPLATE_METADATA = ObjectSchema.<TemplateMetadata>builder(
                    "TemplateMetadata")
            .description("The labels and annotations every created container gets.")
            .optional("labels", MetadataSchemas.LABELS, TemplateMetadata::labels, Map.of(), "")
            .optional("annotations", MetadataSchemas.ANNOTATIONS, TemplateMetadata::annotations, Map.of(), "")
            .build(v -> new TemplateMetadata(v.get("labels"), v.get("annotations")));

    /** What the containers of a workload look like: labels, annotations and spec. */
    public static final ObjectSchema<ContainerTemplate> TEMPLATE = ObjectSchema.<ContainerTemplate>builder(
                    "ContainerTemplate")
            .description("What each created container looks like: its labels and annotations, and its spec.")
            .optional("metadata", TEMPLATE_METADATA, TemplateMetadata::of, TemplateMetadata.EMPTY, "")
            .required("spec", SPEC, ContainerTemplate::spec, "")
            .build(v -> {
                TemplateMetadata meta = v.get("metadata");
                return new ContainerTemplate(meta.labels(), meta.annotations(), v.get("spec"));
            });

    private static ContainerSpec spec(ObjectSchema.Values v) {
        ContainerResources resources = v.get("resources");
        int capacity = v.<Integer>get("mailboxCapacity");
        if (v.present("mailboxCapacity") && v.present("resources") && capacity != resources.mailboxCapacity()) {
            v.problem("mailboxCapacity", capacity + " differs from resources.mailboxCapacity "
                    + resources.mailboxCapacity() + "; give it once, in resources.mailboxCapacity");
            return null;
        }
        Duration handleTimeout = v.get("handleTimeout");
        if (handleTimeout != null && resources.handleTimeout() != null && !handleTimeout.equals(resources.handleTimeout())) {
            v.problem("handleTimeout", text(handleTimeout) + " differs from resources.handleTimeout "
                    + text(resources.handleTimeout()) + "; give it once, in resources.handleTimeout");
            return null;
        }
        for (String probe : List.of("livenessProbe", "startupProbe")) {
            Probe p = v.get(probe);
            if (p != null && p.successThreshold() != 1) {
                v.problem(probe + ".successThreshold", "must be 1 for a " + probe + ", as in Kubernetes");
                return null;
            }
        }
        List<Map.Entry<String, String>> refProblems = v.get("params") == null ? List.of()
                : ConfigSchemas.paramRefProblems(v.get("params"));
        if (!refProblems.isEmpty()) {
            refProblems.forEach(p -> v.problem(p.getKey(), p.getValue()));
            return null;
        }
        List<InitWorker> inits = v.get("initWorkers");
        for (int i = 0; i < inits.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (inits.get(i).name().equals(inits.get(j).name())) {
                    v.problem("initWorkers", "two init workers are named \"" + inits.get(i).name()
                            + "\"; names must be unique");
                    return null;
                }
            }
        }
        return new ContainerSpec(v.get("worker"), v.get("params"), v.get("restartPolicy"),
                v.present("mailboxCapacity") ? capacity : 0, v.get("terminationGracePeriod"), v.get("executor"),
                resources, v.get("handleTimeout"), v.get("readinessProbe"), v.get("livenessProbe"),
                v.get("startupProbe"), inits, v.get("image"), v.get("paramsFrom"), v.get("nodeName"),
                v.get("nodeSelector"));
    }

    /** {@code 2s} or {@code 500ms}, as a manifest writes a duration. */
    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static InitWorker initWorker(ObjectSchema.Values v) {
        List<Map.Entry<String, String>> refProblems = ConfigSchemas.paramRefProblems(v.get("params"));
        if (!refProblems.isEmpty()) {
            refProblems.forEach(p -> v.problem(p.getKey(), p.getValue()));
            return null;
        }
        return new InitWorker(v.get("name"), v.get("worker"), v.get("params"));
    }

    private static StringSchema workerType() {
        return StringSchema.builder().description("A registered worker type name (see the workers command) or a"
                        + " worker's fully qualified class name; with the container's image, a type inside that"
                        + " image.")
                .check((w, context) -> w.isBlank() ? "must not be empty: name a worker type such as echo" : null)
                .build();
    }

    /** The container's and its init workers' types that its image (or, without one, the class path) lacks. */
    private static List<FieldError> workerProblems(ContainerSpec spec, ValidationContext context) {
        List<FieldError> errors = new ArrayList<>();
        String problem = workerProblem(spec.image(), spec.worker(), context);
        if (problem != null) {
            errors.add(new FieldError("worker", problem));
        }
        for (int i = 0; i < spec.initWorkers().size(); i++) {
            String initProblem = workerProblem(spec.image(), spec.initWorkers().get(i).worker(), context);
            if (initProblem != null) {
                errors.add(new FieldError("initWorkers[" + i + "].worker", initProblem));
            }
        }
        return errors;
    }

    private static String workerProblem(String image, String worker, ValidationContext context) {
        return image == null ? context.workerProblem(worker) : context.imageWorkerProblem(image, worker);
    }

    private static DurationSchema probeDuration(String description) {
        return DurationSchema.builder().integerSeconds().description(description).build();
    }

    /** The {@code observedGeneration} of a status. */
    static IntegerSchema<Long> observedGeneration() {
        return IntegerSchema.int64().min(0).description("The spec generation this status reflects.").build();
    }

    private static String resultProblem(String result) {
        return result.length() <= ContainerStatus.MAX_RESULT_LENGTH ? null : "is " + result.length()
                + " characters long; at most " + ContainerStatus.MAX_RESULT_LENGTH + " are kept";
    }

    private static IntegerSchema<Long> count(String description) {
        return IntegerSchema.int64().min(0).description(description).build();
    }
}
