package io.k4s.api.resource;

import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.DurationSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.FreeFormSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
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

    /** Which worker a container runs and how. */
    public static final ObjectSchema<ContainerSpec> SPEC = ObjectSchema.<ContainerSpec>builder("ContainerSpec")
            .description("Which worker a container runs and how.")
            .required("worker", StringSchema.builder().description("A registered worker type name (see the"
                    + " workers command) or a worker's fully qualified class name.")
                    .check((w, context) -> w.isBlank() ? "must not be empty: name a worker type such as echo"
                            : context.workerProblem(w)).build(),
                    ContainerSpec::worker, "")
            .optional("params", FreeFormSchema.map().expectation("a map of parameters")
                    .description("The worker's parameters: any map of strings, numbers, booleans, lists and maps,"
                            + " read with WorkerContext.params(). A param written as {valueFrom: {configMapKeyRef:"
                            + " {name, key, optional}}} or {valueFrom: {secretKeyRef: {...}}} takes one key of a"
                            + " ConfigMap or Secret, resolved each time the container starts; a missing one (unless"
                            + " optional) keeps the container Pending (CreateContainerConfigError).").build(),
                    ContainerSpec::params, Map.of(), "")
            .optional("restartPolicy", RESTART_POLICY, ContainerSpec::restartPolicy, RestartPolicy.ALWAYS, "")
            .optional("mailboxCapacity", IntegerSchema.int32().min(1).max(ContainerSpec.MAX_MAILBOX_CAPACITY)
                    .description("The most messages that may wait in the mailbox; a full mailbox refuses at once."
                            + " Default " + ContainerSpec.DEFAULT_MAILBOX_CAPACITY + ", at most "
                            + ContainerSpec.MAX_MAILBOX_CAPACITY + ".").build(),
                    ContainerSpec::mailboxCapacity, ContainerSpec.DEFAULT_MAILBOX_CAPACITY, "")
            .optional("terminationGracePeriod", DurationSchema.builder().description("How long a stop waits for the"
                    + " mailbox to drain and the worker's stop to return, such as 5s or 250ms (a bare integer is"
                    + " milliseconds). Default 5s.").build(), ContainerSpec::terminationGracePeriod,
                    ContainerSpec.DEFAULT_GRACE_PERIOD, "")
            .optional("executor", EXECUTOR, ContainerSpec::executor, ContainerExecutor.VIRTUAL, "")
            .optional("paramsFrom", ConfigSchemas.PARAMS_FROM, ContainerSpec::paramsFrom, List.of(), "")
            .build(v -> {
                List<Map.Entry<String, String>> refProblems = v.get("params") == null ? List.of()
                        : ConfigSchemas.paramRefProblems(v.get("params"));
                refProblems.forEach(p -> v.problem(p.getKey(), p.getValue()));
                return refProblems.isEmpty() ? new ContainerSpec(v.get("worker"), v.get("params"), v.get("restartPolicy"),
                        v.<Integer>get("mailboxCapacity"), v.get("terminationGracePeriod"), v.get("executor"),
                        v.get("paramsFrom")) : null;
            });

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
            .build(v -> new MessageCounters(v.<Long>get("received"), v.<Long>get("processed"), v.<Long>get("failed"),
                    v.<Integer>get("queued")));

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
            .build(v -> new ContainerStatus(v.get("phase"), v.get("reason"), v.get("message"), v.<Boolean>get("ready"),
                    v.<Integer>get("restartCount"), v.get("startedAt"), v.get("counters"), v.get("lastError"),
                    v.<Long>get("observedGeneration"), v.get("result"), v.get("readySince")));

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
