package io.k4s.api.resource;

import java.util.Objects;

/**
 * Say how a delete proceeds, as Kubernetes' {@code DeleteOptions}: what happens to dependents,
 * what must still hold, how long a graceful stop may take, and whether to write at all.
 *
 * @param propagationPolicy  what happens to the resources it owns; {@link PropagationPolicy#BACKGROUND}
 *                           when null
 * @param preconditions      what must still hold of the stored resource, or the delete fails with
 *                           a {@link PreconditionFailedException}; none when null
 * @param gracePeriodSeconds how long the resource may take to stop, recorded as
 *                           {@code metadata.deletionGracePeriodSeconds} (a Container's
 *                           {@code terminationGracePeriod} when null); not negative
 * @param dryRun             check and report what would happen, and write nothing
 */
public record DeleteOptions(PropagationPolicy propagationPolicy, Preconditions preconditions,
                            Long gracePeriodSeconds, boolean dryRun) {

    /** A background delete without preconditions: what {@link ResourceClient#delete(Class, String, String)} does. */
    public static final DeleteOptions BACKGROUND = new DeleteOptions(null, null, null, false);

    /**
     * Defaults the policy and the preconditions.
     *
     * @throws IllegalArgumentException if the grace period is negative
     */
    public DeleteOptions {
        propagationPolicy = propagationPolicy == null ? PropagationPolicy.BACKGROUND : propagationPolicy;
        preconditions = preconditions == null ? Preconditions.NONE : preconditions;
        if (gracePeriodSeconds != null && gracePeriodSeconds < 0) {
            throw new IllegalArgumentException("gracePeriodSeconds must not be negative, got " + gracePeriodSeconds);
        }
    }

    /** Options with {@code policy} and nothing else. */
    public static DeleteOptions propagation(PropagationPolicy policy) {
        return new DeleteOptions(Objects.requireNonNull(policy, "policy"), null, null, false);
    }

    /** A copy that deletes only the object with this uid (not a newer one of the same name). */
    public DeleteOptions withUid(String uid) {
        return new DeleteOptions(propagationPolicy, new Preconditions(Objects.requireNonNull(uid, "uid"),
                preconditions.resourceVersion()), gracePeriodSeconds, dryRun);
    }

    /** A copy that deletes only if nothing was written since {@code resourceVersion}. */
    public DeleteOptions withResourceVersion(long resourceVersion) {
        return new DeleteOptions(propagationPolicy, new Preconditions(preconditions.uid(), resourceVersion),
                gracePeriodSeconds, dryRun);
    }

    /** A copy with a grace period. */
    public DeleteOptions withGracePeriodSeconds(long seconds) {
        return new DeleteOptions(propagationPolicy, preconditions, seconds, dryRun);
    }

    /** A copy that writes nothing. */
    public DeleteOptions asDryRun() {
        return new DeleteOptions(propagationPolicy, preconditions, gracePeriodSeconds, true);
    }

    /**
     * What the stored resource must still be for a delete to go ahead.
     *
     * @param uid             the uid it must have ({@code null}: any)
     * @param resourceVersion the resourceVersion it must have ({@code null}: any)
     */
    public record Preconditions(String uid, Long resourceVersion) {

        /** No precondition. */
        public static final Preconditions NONE = new Preconditions(null, null);

        /**
         * Say which precondition {@code stored} fails, or return {@code null} if it meets them all.
         */
        public String problemWith(Resource stored) {
            ObjectMeta m = stored.metadata();
            if (uid != null && !uid.equals(m.uid())) {
                return "the precondition asks for uid " + uid + " but the stored object has uid " + m.uid();
            }
            if (resourceVersion != null && resourceVersion != m.resourceVersion()) {
                return "the precondition asks for resourceVersion " + resourceVersion
                        + " but the stored object has resourceVersion " + m.resourceVersion();
            }
            return null;
        }
    }
}
