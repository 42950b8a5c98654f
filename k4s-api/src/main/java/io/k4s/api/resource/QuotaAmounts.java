package io.k4s.api.resource;

import java.util.OptionalDouble;

/**
 * An amount of each resource a {@link ResourceQuota} limits ({@link QuotaResource}); a
 * {@code null} component is not given (not limited, in {@code spec.hard}).
 *
 * @param containers      Container objects
 * @param replicas        desired replicas of scalable workloads
 * @param mailboxCapacity the sum of mailbox capacities
 * @param requestsRate    the sum of maximum message rates, messages a second
 */
public record QuotaAmounts(Long containers, Long replicas, Long mailboxCapacity, Double requestsRate) {

    /** No amount of anything. */
    public static final QuotaAmounts NONE = new QuotaAmounts(null, null, null, null);

    /**
     * Validates that every given amount is at least 0.
     *
     * @throws IllegalArgumentException naming the resource whose amount is negative or not a number
     */
    public QuotaAmounts {
        check(QuotaResource.CONTAINERS, containers);
        check(QuotaResource.REPLICAS, replicas);
        check(QuotaResource.MAILBOX_CAPACITY, mailboxCapacity);
        check(QuotaResource.REQUESTS_RATE, requestsRate);
    }

    private static void check(QuotaResource resource, Number n) {
        if (n != null && !(n.doubleValue() >= 0 && Double.isFinite(n.doubleValue()))) {
            throw new IllegalArgumentException(resource.text() + ": expected a number at least 0, got " + n);
        }
    }

    /** The amount of {@code resource}, or empty if it is not given. */
    public OptionalDouble get(QuotaResource resource) {
        Number n = switch (resource) {
            case CONTAINERS -> containers;
            case REPLICAS -> replicas;
            case MAILBOX_CAPACITY -> mailboxCapacity;
            case REQUESTS_RATE -> requestsRate;
        };
        return n == null ? OptionalDouble.empty() : OptionalDouble.of(n.doubleValue());
    }

    /** A copy with the amount of {@code resource} set to {@code amount} (rounded for the whole-number resources). */
    public QuotaAmounts with(QuotaResource resource, double amount) {
        return switch (resource) {
            case CONTAINERS -> new QuotaAmounts(Math.round(amount), replicas, mailboxCapacity, requestsRate);
            case REPLICAS -> new QuotaAmounts(containers, Math.round(amount), mailboxCapacity, requestsRate);
            case MAILBOX_CAPACITY -> new QuotaAmounts(containers, replicas, Math.round(amount), requestsRate);
            case REQUESTS_RATE -> new QuotaAmounts(containers, replicas, mailboxCapacity, amount);
        };
    }

    /** {@code amount} as {@code spec.hard} writes it: a whole number without a fraction. */
    public static String format(QuotaResource resource, double amount) {
        return resource == QuotaResource.REQUESTS_RATE && amount != Math.rint(amount)
                ? Double.toString(amount) : Long.toString(Math.round(amount));
    }
}
