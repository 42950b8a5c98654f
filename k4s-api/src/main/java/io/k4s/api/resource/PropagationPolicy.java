package io.k4s.api.resource;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Decide what happens to the resources a deleted one owns ({@code ownerReferences}), as
 * Kubernetes' {@code propagationPolicy}.
 */
public enum PropagationPolicy {
    /**
     * Delete the owner now (or mark it, if finalizers hold it); its dependents are deleted in
     * the background once it is gone (the default).
     */
    BACKGROUND("Background"),
    /**
     * Mark the owner with the {@value #FOREGROUND_FINALIZER} finalizer, delete its dependents,
     * and remove the owner once every dependent whose reference has {@code blockOwnerDeletion}
     * is gone.
     */
    FOREGROUND("Foreground"),
    /**
     * Mark the owner with the {@value #ORPHAN_FINALIZER} finalizer, remove its reference from
     * every dependent (they stay), then remove the owner.
     */
    ORPHAN("Orphan");

    /** The finalizer that holds an owner deleted in the foreground until its blocking dependents are gone. */
    public static final String FOREGROUND_FINALIZER = "foregroundDeletion";

    /** The finalizer that holds an owner deleted with {@link #ORPHAN} until its dependents are released. */
    public static final String ORPHAN_FINALIZER = "orphan";

    private final String text;

    PropagationPolicy(String text) {
        this.text = text;
    }

    /** Kubernetes' spelling, for example {@code Foreground}. */
    public String text() {
        return text;
    }

    /**
     * Read Kubernetes' spelling (case-insensitive).
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static PropagationPolicy parse(String text) {
        for (PropagationPolicy p : values()) {
            if (p.text.equalsIgnoreCase(text) || p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("propagationPolicy: expected one of " + Arrays.stream(values())
                .map(PropagationPolicy::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
    }
}
