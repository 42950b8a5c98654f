package io.k4s.api.resource;

import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MapSchema;
import io.k4s.api.schema.MappedSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.OneOfSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import java.util.List;
import java.util.Map;

/**
 * The schemas every kind shares: {@code metadata} (one schema for all kinds), owner references,
 * labels and status conditions, as Kubernetes' {@code meta/v1} describes them.
 */
public final class MetadataSchemas {

    private MetadataSchemas() {}

    /** Labels: keys and values checked as Kubernetes checks them. */
    public static final MapSchema<String> LABELS = MapSchema.builder(StringSchema.of("A label value."))
            .description("Labels that selectors match, as key: value. Keys: an optional DNS prefix and '/', then"
                    + " up to 63 letters, digits, '-', '_' and '.'; values the same, possibly empty.")
            .entryCheck(ResourceNames::labelProblem)
            .build();

    /** Annotations: free-form string notes. */
    public static final MapSchema<String> ANNOTATIONS = MapSchema.of(
            "Free-form notes for people and tools, as key: value strings.", StringSchema.of("A note."));

    /**
     * A non-negative count written as a number, such as {@code generation}; also for
     * {@code observedGeneration} in statuses.
     */
    public static final IntegerSchema<Long> GENERATION = IntegerSchema.int64().min(0)
            .description("Counts the changes of the spec, starting at 1; set by the store.").build();

    /**
     * A resourceVersion: a store revision. Kubernetes clients treat it as an opaque string, so it
     * is written as text; a number is read too.
     */
    public static final OneOfSchema<Long> RESOURCE_VERSION = OneOfSchema.<Long>builder()
            .description("The store revision of the last write; set by the store. An update must carry the"
                    + " one it read (optimistic concurrency).")
            .expectation("a resourceVersion (a non-negative integer, as text or as a number)")
            .alternative(Long.class, MappedSchema.of("The revision as text.", StringSchema.of("The revision as text."),
                    MetadataSchemas::revision, String::valueOf))
            .alternative(Long.class, IntegerSchema.int64().min(0).build())
            .build();

    /** Who owns a resource; deleting the owner deletes what it owns. */
    public static final ObjectSchema<OwnerReference> OWNER_REFERENCE = ObjectSchema.<OwnerReference>builder(
                    "OwnerReference")
            .description("Points from an owned resource to its owner in the same namespace.")
            .optional("apiVersion", StringSchema.of("The owner's API version."), OwnerReference::apiVersion,
                    Resource.API_VERSION, "")
            .required("kind", StringSchema.of("The owner's kind, for example ReplicaSet."), OwnerReference::kind, "")
            .required("name", StringSchema.of("The owner's name."), OwnerReference::name, "")
            .required("uid", StringSchema.of("The owner's uid, so that a re-created owner of the same name does"
                    + " not adopt it."), OwnerReference::uid, "")
            .optional("controller", BooleanSchema.of("Whether the owner is the managing controller."),
                    OwnerReference::controller, false, "")
            .optional("blockOwnerDeletion", BooleanSchema.of("Whether a foreground delete of the owner waits for"
                    + " this dependent."), OwnerReference::blockOwnerDeletion, false, "")
            .omitDefault()
            .build(v -> new OwnerReference(v.get("kind"), v.get("name"), v.get("uid"), v.<Boolean>get("controller"),
                    v.get("apiVersion"), v.<Boolean>get("blockOwnerDeletion")));

    /** Name, namespace, labels and what the store maintains: the same for every kind. */
    public static final ObjectSchema<ObjectMeta> OBJECT_META = ObjectSchema.<ObjectMeta>builder("ObjectMeta")
            .description("Name, namespace, labels and the fields the store maintains.")
            .optional("name", StringSchema.builder().description("The name, unique per kind and namespace: lower-case"
                    + " letters, digits, '-' and '.', at most 253 (DNS-1123 subdomain). Required unless"
                    + " generateName is given.").check(ResourceNames::nameProblem).build(), ObjectMeta::name, null, "")
            .optional("generateName", StringSchema.builder().description("A prefix from which the store makes a"
                    + " unique name on create, when no name is given.").check(ResourceNames::generateNameProblem)
                    .build(), ObjectMeta::generateName, null, "")
            .optional("namespace", StringSchema.builder().description("The namespace (DNS-1123 label); default is"
                    + " \"default\". Absent for a cluster-scoped kind (a namespace given for one is ignored).")
                    .check(ResourceNames::namespaceProblem).build(),
                    m -> m.clusterScoped() ? null : m.namespace(), ObjectMeta.DEFAULT_NAMESPACE, "")
            .optional("labels", LABELS, ObjectMeta::labels, Map.of(), "")
            .optional("annotations", ANNOTATIONS, ObjectMeta::annotations, Map.of(), "")
            .optional("uid", StringSchema.of("A unique id the store sets on create."), ObjectMeta::uid, null, "")
            .optional("resourceVersion", RESOURCE_VERSION, ObjectMeta::resourceVersion, 0L, "").omitDefault()
            .optional("generation", GENERATION, ObjectMeta::generation, 0L, "").omitDefault()
            .optional("creationTimestamp", TimestampSchema.of("When the store created the resource."),
                    ObjectMeta::creationTimestamp, null, "")
            .optional("deletionTimestamp", TimestampSchema.of("When a delete was asked for, while finalizers still"
                    + " hold the resource; set by the store."), ObjectMeta::deletionTimestamp, null, "")
            .optional("deletionGracePeriodSeconds", IntegerSchema.int64().min(0).description("The grace period, in"
                    + " seconds, the pending delete asked for; set by the store.").build(),
                    ObjectMeta::deletionGracePeriodSeconds, null, "")
            .optional("ownerReferences", ListSchema.of("The owners of this resource.", OWNER_REFERENCE),
                    ObjectMeta::ownerReferences, List.of(), "")
            .optional("finalizers", ListSchema.of("What must happen before the resource goes; each owner removes"
                    + " its own entry.", StringSchema.builder().description("A finalizer name.")
                    .check(f -> f.isBlank() ? "must not be empty" : null).build()),
                    ObjectMeta::finalizers, List.of(), "")
            .build(v -> {
                if (v.get("name") == null && v.get("generateName") == null) {
                    v.problem("name", "missing required field");
                    return null;
                }
                return new ObjectMeta(v.get("name"), v.get("namespace"), v.get("labels"), v.get("annotations"),
                        v.get("uid"), v.<Long>get("resourceVersion"), v.<Long>get("generation"),
                        v.get("creationTimestamp"), v.get("ownerReferences"), v.get("generateName"),
                        v.get("deletionTimestamp"), v.get("deletionGracePeriodSeconds"), v.get("finalizers"));
            });

    /** A condition's status: {@code "True"} or {@code "False"} as Kubernetes writes it (YAML booleans read too). */
    public static final OneOfSchema<Boolean> CONDITION_STATUS = OneOfSchema.<Boolean>builder()
            .description("Whether the condition holds: \"True\" or \"False\".")
            .expectation("\"True\" or \"False\"")
            .alternative(Boolean.class, EnumSchema.<Boolean>builder().value("True", true).value("False", false)
                    .description("Whether the condition holds.").build())
            .alternative(Boolean.class, BooleanSchema.of("Whether the condition holds."))
            .build();

    /** One aspect of a resource's state. */
    public static final ObjectSchema<Condition> CONDITION = ObjectSchema.<Condition>builder("Condition")
            .description("One aspect of the resource's state, as Kubernetes status conditions report it.")
            .required("type", StringSchema.of("What the condition is about, for example EndpointsReady."),
                    Condition::type, "")
            .optional("status", CONDITION_STATUS, Condition::status, false, "")
            .optional("reason", StringSchema.of("A CamelCase word for machines, for example NoMatchingContainers."),
                    Condition::reason, "", "")
            .optional("message", StringSchema.of("A sentence for people."), Condition::message, "", "")
            .optional("lastTransitionTime", TimestampSchema.of("When the status last changed."),
                    Condition::lastTransitionTime, null, "")
            .optional("lastUpdateTime", TimestampSchema.of("When the controller last refreshed the condition (a"
                    + " Deployment's Progressing moves it on every step of a rollout); absent for kinds that do not"
                    + " track it."), Condition::lastUpdateTime, null, "")
            .build(v -> new Condition(v.get("type"), v.<Boolean>get("status"), v.get("reason"), v.get("message"),
                    v.get("lastTransitionTime"), v.get("lastUpdateTime")));

    /** A list of conditions. */
    public static final ListSchema<Condition> CONDITIONS = ListSchema.of(
            "Conditions: aspects of the state, such as a reconcile error.", CONDITION);

    private static Long revision(String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("expected a resourceVersion (a non-negative integer), got \""
                    + text + "\"");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("resourceVersion \"" + text + "\" is too large", e);
        }
    }
}
