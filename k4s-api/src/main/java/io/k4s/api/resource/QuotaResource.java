package io.k4s.api.resource;

/** A resource a {@link ResourceQuota} can limit, by the name {@code spec.hard} gives it. */
public enum QuotaResource {
    /** How many Container objects the namespace holds (those not Succeeded or Failed). */
    CONTAINERS("containers"),
    /** The sum of the desired replicas of the namespace's scalable workloads that no other workload owns. */
    REPLICAS("replicas"),
    /** The sum of its containers' {@code resources.mailboxCapacity}. */
    MAILBOX_CAPACITY("mailboxCapacity"),
    /** The sum of its containers' {@code resources.maxHandleRate}, in messages a second. */
    REQUESTS_RATE("requests.rate");

    private final String text;

    QuotaResource(String text) {
        this.text = text;
    }

    /** The name in {@code spec.hard}, such as {@code requests.rate}. */
    public String text() {
        return text;
    }
}
