package io.k4s.api.schema;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A length of time bound to {@link Duration}. On the wire it is text: {@code 500ms}, {@code 2s},
 * {@code 1m30s}, {@code 1h}, {@code 250us}, or ISO-8601 ({@code PT1.5S}); a bare integer counts
 * in {@link #integerUnit()} (milliseconds for k4s fields, seconds for fields that Kubernetes
 * names {@code ...Seconds}). Negative durations are refused unless allowed.
 */
public final class DurationSchema implements Schema<Duration> {

    private final String description;
    private final ChronoUnit integerUnit;
    private final boolean allowNegative;

    private DurationSchema(Builder b) {
        this.description = b.description;
        this.integerUnit = b.integerUnit;
        this.allowNegative = b.allowNegative;
    }

    /** A builder: integers are milliseconds, negatives are refused. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "duration";
    }

    /**
     * What a bare integer counts: {@link ChronoUnit#MILLIS} or {@link ChronoUnit#SECONDS}. A
     * seconds field is also written as an integer when the value is whole seconds.
     */
    public ChronoUnit integerUnit() {
        return integerUnit;
    }

    /** Whether a negative duration is accepted. */
    public boolean allowNegative() {
        return allowNegative;
    }

    /** Build a {@link DurationSchema}; not thread-safe. */
    public static final class Builder {
        private String description = "";
        private ChronoUnit integerUnit = ChronoUnit.MILLIS;
        private boolean allowNegative;

        private Builder() {}

        /** What the value means. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** A bare integer counts seconds, as in Kubernetes' {@code ...Seconds} fields. */
        public Builder integerSeconds() {
            this.integerUnit = ChronoUnit.SECONDS;
            return this;
        }

        /** Accept negative durations too. */
        public Builder allowNegative() {
            this.allowNegative = true;
            return this;
        }

        /** The schema. */
        public DurationSchema build() {
            return new DurationSchema(this);
        }
    }
}
