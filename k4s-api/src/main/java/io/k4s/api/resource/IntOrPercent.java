package io.k4s.api.resource;

/**
 * Hold a count given either as a number or as a percentage of a total, as Kubernetes'
 * {@code IntOrString} does for {@code maxSurge} and {@code maxUnavailable}.
 *
 * <p>In a manifest it is written {@code 3} or {@code "25%"}; {@link #toString()} gives the same
 * spelling back.
 *
 * @param value   the number, or the percentage when {@code percent}; never negative
 * @param percent whether {@code value} is a percentage of the total
 */
public record IntOrPercent(int value, boolean percent) {

    /**
     * Requires a value that is not negative.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public IntOrPercent {
        if (value < 0) {
            throw new IllegalArgumentException("expected a number or a percentage that is not negative, got "
                    + value + (percent ? "%" : ""));
        }
    }

    /** An absolute count. */
    public static IntOrPercent of(int value) {
        return new IntOrPercent(value, false);
    }

    /** A percentage of the total. */
    public static IntOrPercent percent(int value) {
        return new IntOrPercent(value, true);
    }

    /**
     * Read {@code 3} or {@code 25%}.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static IntOrPercent parse(String text) {
        String t = text == null ? "" : text.trim();
        boolean percent = t.endsWith("%");
        String digits = percent ? t.substring(0, t.length() - 1).trim() : t;
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
            throw new IllegalArgumentException("expected a whole number such as 2 or a percentage such as 25%, got \""
                    + text + "\"");
        }
        return new IntOrPercent(Integer.parseInt(digits), percent);
    }

    /** Whether it is 0 or 0%. */
    public boolean isZero() {
        return value == 0;
    }

    /**
     * The count this stands for out of {@code total}: the number itself, or the percentage of
     * {@code total} rounded up ({@code roundUp}, as Kubernetes rounds maxSurge) or down (as it
     * rounds maxUnavailable).
     */
    public int scaled(int total, boolean roundUp) {
        if (!percent) {
            return value;
        }
        long product = (long) value * total;
        return (int) (roundUp ? (product + 99) / 100 : product / 100);
    }

    /** {@code 3} or {@code 25%}, as a manifest writes it. */
    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
