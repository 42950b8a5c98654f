package io.k4s.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Name the three systems every benchmark compares: k4s, Apache Pekko and plain JDK queues. */
public enum Variant {
    /** A real {@code K4sCluster}: a ReplicaSet per stage and a Service in front of it. */
    K4S,
    /** Apache Pekko classic actors: a pool router per stage, {@code ask} for requests. */
    PEKKO,
    /** Virtual threads, each draining its own {@code ArrayBlockingQueue}; a router per stage. */
    JDK;

    /** The name used in JMH parameters and reports: {@code k4s}, {@code pekko} or {@code jdk}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Read a variant from its text, as given in a JMH {@code @Param}.
     *
     * @throws IllegalArgumentException naming the accepted words
     */
    public static Variant parse(String text) {
        for (Variant v : values()) {
            if (v.text().equalsIgnoreCase(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant \"" + text + "\": expected one of "
                + Arrays.stream(values()).map(Variant::text).collect(Collectors.joining(", ")));
    }
}
