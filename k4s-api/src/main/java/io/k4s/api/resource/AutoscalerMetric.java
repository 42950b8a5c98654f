package io.k4s.api.resource;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Name a per-container load figure a HorizontalAutoscaler can scale on, and its unit. */
public enum AutoscalerMetric {
    /** Messages waiting in the mailbox, now. */
    MAILBOX_DEPTH("MailboxDepth", "messages"),
    /** Messages handled (successfully or not) per second, over the last period. */
    MESSAGES_PER_SECOND("MessagesPerSecond", "messages/s"),
    /** The share of wall time spent in {@code handle}, 0 to 1, over the last period. */
    BUSY_RATIO("BusyRatio", "ratio"),
    /** The mean time from a request's arrival to its reply, in seconds, over the last period. */
    REQUEST_LATENCY("RequestLatency", "s");

    private final String text;
    private final String unit;

    AutoscalerMetric(String text, String unit) {
        this.text = text;
        this.unit = unit;
    }

    /** The manifest spelling, for example {@code MessagesPerSecond}. */
    public String text() {
        return text;
    }

    /** The unit of its values, for logs and output. */
    public String unit() {
        return unit;
    }

    /**
     * Read the manifest spelling (case-insensitive).
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static AutoscalerMetric parse(String text) {
        for (AutoscalerMetric m : values()) {
            if (m.text.equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                .map(AutoscalerMetric::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
    }
}
