package io.k4s.workers.examples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sum, minimum, maximum and mean of a non-empty list of numbers, computed exactly: integral
 * inputs give Long sum, min and max (Double if the sum does not fit in a long); any decimal input
 * makes them Double. The mean is always a Double.
 *
 * @param sum  the sum
 * @param min  the smallest number
 * @param max  the largest number
 * @param mean the arithmetic mean
 */
record NumericSummary(Number sum, Number min, Number max, double mean) {

    /** Summarize {@code numbers}, each a Long or a finite Double as {@link Numbers#read} gives. */
    static NumericSummary of(List<Number> numbers) {
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("cannot summarize an empty list of numbers");
        }
        boolean integral = numbers.stream().allMatch(Numbers::integral);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min = null;
        BigDecimal max = null;
        for (Number n : numbers) {
            BigDecimal exact = Numbers.exact(n);
            sum = sum.add(exact);
            min = min == null || exact.compareTo(min) < 0 ? exact : min;
            max = max == null || exact.compareTo(max) > 0 ? exact : max;
        }
        double mean = sum.divide(BigDecimal.valueOf(numbers.size()), MathContext.DECIMAL64).doubleValue();
        return new NumericSummary(shape(sum, integral), shape(min, integral), shape(max, integral), mean);
    }

    private static Number shape(BigDecimal value, boolean integral) {
        if (integral && value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return value.longValueExact();
        }
        return value.doubleValue();
    }

    /** The summary as the entries of a batch map: {@code sum, min, max, mean}. */
    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sum", sum);
        map.put("min", min);
        map.put("max", max);
        map.put("mean", mean);
        return map;
    }
}
