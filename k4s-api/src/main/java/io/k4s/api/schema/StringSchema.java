package io.k4s.api.schema;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A string, optionally matched against a pattern and checked by a function that says what is
 * wrong with it; a check may ask the cluster ({@link ValidationContext}), as a worker type's
 * does. A YAML scalar of another type ({@code 3}, {@code true}) is not a string: it must be
 * quoted.
 */
public final class StringSchema implements Schema<String> {

    private final String description;
    private final Pattern pattern;
    private final String patternHint;
    private final BiFunction<String, ValidationContext, String> check;
    private final boolean sensitive;

    private StringSchema(Builder b) {
        this.description = b.description;
        this.pattern = b.pattern;
        this.patternHint = b.patternHint;
        this.check = b.check;
        this.sensitive = b.sensitive;
    }

    /** A builder for a string schema with no constraint. */
    public static Builder builder() {
        return new Builder();
    }

    /** A string with no constraint. */
    public static StringSchema of(String description) {
        return builder().description(description).build();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "string";
    }

    /**
     * Whether the value is secret (a Secret's data): error messages then say what kind of value
     * was found, never the value itself.
     */
    public boolean sensitive() {
        return sensitive;
    }

    /** The pattern the whole value must match, if any. */
    public Optional<Pattern> pattern() {
        return Optional.ofNullable(pattern);
    }

    /**
     * Say what is wrong with {@code value}, or return {@code null} if it is valid, asking
     * {@code context} where the check needs the cluster.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public String problem(String value, ValidationContext context) {
        Objects.requireNonNull(value, "value");
        if (pattern != null && !pattern.matcher(value).matches()) {
            return "\"" + value + "\" is not valid: " + patternHint;
        }
        return check == null ? null : check.apply(value, context);
    }

    /** Build a {@link StringSchema}; not thread-safe. */
    public static final class Builder {
        private String description = "";
        private Pattern pattern;
        private String patternHint;
        private BiFunction<String, ValidationContext, String> check;
        private boolean sensitive;

        private Builder() {}

        /** What the value means. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * The whole value must match {@code regex}; {@code hint} says in words what is expected,
         * for example {@code use lower-case letters and digits}.
         *
         * @throws java.util.regex.PatternSyntaxException if {@code regex} is malformed
         */
        public Builder pattern(String regex, String hint) {
            this.pattern = Pattern.compile(regex);
            this.patternHint = Objects.requireNonNull(hint, "hint");
            return this;
        }

        /** {@code problemOrNull} says what is wrong with a value, or returns null; it must not throw. */
        public Builder check(Function<String, String> problemOrNull) {
            Objects.requireNonNull(problemOrNull, "problemOrNull");
            return check((value, context) -> problemOrNull.apply(value));
        }

        /**
         * {@code problemOrNull} says what is wrong with a value, asking the cluster through the
         * context (for example whether a worker type can run), or returns null; it must not throw.
         * It replaces an earlier check.
         */
        public Builder check(BiFunction<String, ValidationContext, String> problemOrNull) {
            this.check = Objects.requireNonNull(problemOrNull, "problemOrNull");
            return this;
        }

        /** Mark the value secret: no error message quotes it ({@link StringSchema#sensitive()}). */
        public Builder sensitive() {
            this.sensitive = true;
            return this;
        }

        /** The schema. */
        public StringSchema build() {
            return new StringSchema(this);
        }
    }
}
