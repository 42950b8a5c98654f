package io.k4s.api.resource;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Say how a Deployment replaces old containers with new ones when its template changes.
 *
 * <p>In a manifest: {@code strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%,
 * maxUnavailable: 25%}}} (the default) or {@code strategy: {type: Recreate}}.
 *
 * @param type          {@link Type#ROLLING_UPDATE} (default) or {@link Type#RECREATE}
 * @param rollingUpdate the surge and unavailability budget of a rolling update; the defaults
 *                      (25% and 25%) when null; must be null for {@code Recreate}
 */
public record DeploymentStrategy(Type type, RollingUpdate rollingUpdate) {

    /** A rolling update with maxSurge 25% and maxUnavailable 25%. */
    public static final DeploymentStrategy DEFAULT = new DeploymentStrategy(Type.ROLLING_UPDATE, null);

    /** Stop every old container before starting new ones. */
    public static final DeploymentStrategy RECREATE = new DeploymentStrategy(Type.RECREATE, null);

    /**
     * Applies the defaults.
     *
     * @throws IllegalArgumentException if {@code Recreate} is given rolling-update settings
     */
    public DeploymentStrategy {
        type = type == null ? Type.ROLLING_UPDATE : type;
        if (type == Type.RECREATE && rollingUpdate != null) {
            throw new IllegalArgumentException("spec.strategy.rollingUpdate: may not be given when"
                    + " spec.strategy.type is Recreate; remove it or use type RollingUpdate");
        }
        if (type == Type.ROLLING_UPDATE && rollingUpdate == null) {
            rollingUpdate = RollingUpdate.DEFAULT;
        }
    }

    /** A rolling update with these budgets. */
    public static DeploymentStrategy rollingUpdate(IntOrPercent maxSurge, IntOrPercent maxUnavailable) {
        return new DeploymentStrategy(Type.ROLLING_UPDATE, new RollingUpdate(maxSurge, maxUnavailable));
    }

    /**
     * The containers a rolling update may start above the desired count, for {@code replicas}
     * desired: maxSurge rounded up; 0 for Recreate. When both budgets resolve to 0 (a
     * percentage rounded down), maxUnavailable becomes 1 instead, as in Kubernetes.
     */
    public int maxSurge(int replicas) {
        return type == Type.RECREATE ? 0 : rollingUpdate.maxSurge().scaled(replicas, true);
    }

    /**
     * The desired containers a rolling update may leave unavailable, for {@code replicas}
     * desired: maxUnavailable rounded down (1 if both budgets resolve to 0), never more than
     * {@code replicas}; 0 for Recreate and for 0 replicas.
     */
    public int maxUnavailable(int replicas) {
        if (type == Type.RECREATE || replicas == 0) {
            return 0;
        }
        int unavailable = rollingUpdate.maxUnavailable().scaled(replicas, false);
        if (unavailable == 0 && maxSurge(replicas) == 0) {
            unavailable = 1;
        }
        return Math.min(unavailable, replicas);
    }

    /** The two strategies. */
    public enum Type {
        /** Start new containers and stop old ones step by step, within the surge budgets. */
        ROLLING_UPDATE("RollingUpdate"),
        /** Stop every old container, then start the new ones. */
        RECREATE("Recreate");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        /** The manifest spelling, for example {@code RollingUpdate}. */
        public String text() {
            return text;
        }

        /**
         * Read the manifest spelling (case-insensitive).
         *
         * @throws IllegalArgumentException listing the accepted values
         */
        public static Type parse(String text) {
            for (Type t : values()) {
                if (t.text.equalsIgnoreCase(text) || t.name().equalsIgnoreCase(text)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                    .map(Type::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
        }
    }

    /**
     * Bound a rolling update: how many containers it may add above the desired count, and how
     * many of the desired count may be unavailable, each a number or a percentage of the desired
     * count (surge rounded up, unavailable rounded down).
     *
     * @param maxSurge       default 25%
     * @param maxUnavailable default 25%, at most 100%
     */
    public record RollingUpdate(IntOrPercent maxSurge, IntOrPercent maxUnavailable) {

        /** The default budget, the one Kubernetes uses: 25% and 25%. */
        public static final RollingUpdate DEFAULT = new RollingUpdate(null, null);

        /**
         * Applies the defaults.
         *
         * @throws IllegalArgumentException if both are 0 (nothing could ever move) or
         *                                  maxUnavailable is over 100%
         */
        public RollingUpdate {
            maxSurge = maxSurge == null ? IntOrPercent.percent(25) : maxSurge;
            maxUnavailable = maxUnavailable == null ? IntOrPercent.percent(25) : maxUnavailable;
            if (maxSurge.isZero() && maxUnavailable.isZero()) {
                throw new IllegalArgumentException("spec.strategy.rollingUpdate: maxSurge and maxUnavailable may"
                        + " not both be 0, or no container could ever be replaced; allow a surge (for example"
                        + " maxSurge: 1) or some unavailability");
            }
            if (maxUnavailable.percent() && maxUnavailable.value() > 100) {
                throw new IllegalArgumentException("spec.strategy.rollingUpdate.maxUnavailable: at most 100%, got "
                        + maxUnavailable);
            }
        }
    }
}
