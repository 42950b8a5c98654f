package io.k4s.bench.report;

import java.util.Locale;

/** Write numbers for people: grouped thousands, a few significant digits. Thread-safe. */
final class Fmt {

    private Fmt() {
    }

    /** {@code 1,234,567}, {@code 45.6}, {@code 3.21}, {@code 0.0123}; a dash for NaN. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** {@code number(v) + " " + unit}, or a dash alone for NaN. */
    static String number(double v, String unit) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : number(v) + " " + unit;
    }

    /** A ratio as {@code 1.23x}; a dash for NaN. */
    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%.2fx", v);
    }

    /** {@code value ± error}, or just the value when the error is unknown. */
    static String withError(double value, double error) {
        return Double.isNaN(error) ? number(value) : number(value) + " ± " + number(error);
    }
}
