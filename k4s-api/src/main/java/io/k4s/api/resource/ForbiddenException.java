package io.k4s.api.resource;

import io.k4s.api.K4sException;

/**
 * Report that the store refused a write its admission does not allow: a create in a namespace
 * that is being deleted, or a create, apply or scale over a {@link ResourceQuota}. Nothing was
 * written.
 *
 * <p>What to do: as the message says; for a quota, lower what was asked, delete something in the
 * namespace, or raise the quota's {@code spec.hard}.
 */
public class ForbiddenException extends K4sException {

    private final String kind;
    private final ResourceKey key;
    private final String reason;

    /** Writing {@code kind} {@code key} is refused because of {@code reason}. */
    public ForbiddenException(String kind, ResourceKey key, String reason) {
        super(kind + " \"" + key + "\" is forbidden: " + reason);
        this.kind = kind;
        this.key = key;
        this.reason = reason;
    }

    /** The kind whose write was refused. */
    public String kind() {
        return kind;
    }

    /** The key of the resource whose write was refused. */
    public ResourceKey key() {
        return key;
    }

    /** Why it was refused, without the kind and key. */
    public String reason() {
        return reason;
    }
}
