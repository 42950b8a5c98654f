package io.k4s.api.resource;

import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.NumberSchema;
import io.k4s.api.schema.ObjectSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The schemas and descriptor of the {@link ResourceQuota} kind. */
public final class QuotaSchemas {

    private QuotaSchemas() {}

    private static ObjectSchema<QuotaAmounts> amounts(String name, String description) {
        return ObjectSchema.<QuotaAmounts>builder(name)
                .description(description)
                .optional("containers", IntegerSchema.int64().min(0).description("Container objects in the namespace"
                        + " (not Succeeded or Failed).").build(), QuotaAmounts::containers, null, "")
                .optional("replicas", IntegerSchema.int64().min(0).description("The sum of spec.replicas of the"
                        + " namespace's Deployments, ReplicaSets and other scalable kinds that no other workload owns"
                        + " (a Deployment's ReplicaSets count through the Deployment).").build(),
                        QuotaAmounts::replicas, null, "")
                .optional("mailboxCapacity", IntegerSchema.int64().min(0).description("The sum of the containers'"
                        + " resources.mailboxCapacity.").build(), QuotaAmounts::mailboxCapacity, null, "")
                .optional("requests.rate", NumberSchema.of("The sum of the containers' resources.maxHandleRate,"
                        + " messages a second; with this limit every container must set maxHandleRate."),
                        QuotaAmounts::requestsRate, null, "")
                .build(v -> new QuotaAmounts(v.<Long>get("containers"), v.<Long>get("replicas"),
                        v.<Long>get("mailboxCapacity"), v.<Double>get("requests.rate")));
    }

    private static final ObjectSchema<QuotaAmounts> HARD = amounts("QuotaHard", "The limit of each resource; one"
            + " not named is not limited.");

    private static final ObjectSchema<ResourceQuota.ResourceQuotaSpec> SPEC = ObjectSchema
            .<ResourceQuota.ResourceQuotaSpec>builder("ResourceQuotaSpec")
            .description("What the namespace may hold at most.")
            .optional("hard", HARD, ResourceQuota.ResourceQuotaSpec::hard, QuotaAmounts.NONE, "")
            .build(v -> new ResourceQuota.ResourceQuotaSpec(v.get("hard")));

    private static final ObjectSchema<ResourceQuota.ResourceQuotaStatus> STATUS = ObjectSchema
            .<ResourceQuota.ResourceQuotaStatus>builder("ResourceQuotaStatus")
            .description("The limits enforced and what is used of them, kept current by the quota controller.")
            .optional("hard", amounts("QuotaStatusHard", "The limits enforced."),
                    ResourceQuota.ResourceQuotaStatus::hard, QuotaAmounts.NONE, "")
            .optional("used", amounts("QuotaUsed", "What the namespace holds of each limited resource."),
                    ResourceQuota.ResourceQuotaStatus::used, QuotaAmounts.NONE, "")
            .build(v -> new ResourceQuota.ResourceQuotaStatus(v.get("hard"), v.get("used")));

    /** Limit what a namespace holds. */
    public static final ResourceKind<ResourceQuota> RESOURCE_QUOTA = ResourceKind.builder(ResourceQuota.class,
                    ResourceQuota.KIND, SPEC, STATUS, ResourceQuota.ResourceQuotaStatus.EMPTY, ResourceQuota::new)
            .apiVersion(ConfigSchemas.CORE_API_VERSION).shortNames("quota")
            .description("Limits what its namespace may hold: containers, replicas, the sum of mailbox capacities and"
                    + " of message rates (requests.rate). A create, apply or scale that would go over a limit is"
                    + " refused before anything changes; a ReplicaSet that cannot create a container reports"
                    + " FailedCreate events.")
            .column(PrinterColumn.<ResourceQuota>of("REQUEST", "Used/hard of each limited resource",
                    QuotaSchemas::usedOfHard))
            .build();

    /** {@code containers: 2/10, replicas: 3/5}, as kubectl shows a quota's REQUEST column. */
    private static Object usedOfHard(ResourceQuota q) {
        List<String> parts = new ArrayList<>();
        for (QuotaResource r : QuotaResource.values()) {
            OptionalDouble hard = q.spec().hard().get(r);
            if (hard.isPresent()) {
                parts.add(r.text() + ": " + QuotaAmounts.format(r, q.status().used().get(r).orElse(0)) + "/"
                        + QuotaAmounts.format(r, hard.getAsDouble()));
            }
        }
        return String.join(", ", parts);
    }
}
