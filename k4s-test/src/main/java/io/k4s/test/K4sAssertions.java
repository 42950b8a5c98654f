package io.k4s.test;

import io.k4s.core.K4sCluster;
import java.time.Duration;

/**
 * Assertions about a running cluster that wait for their condition, up to a deadline
 * ({@value #DEFAULT_SECONDS} s unless {@code within} says otherwise), instead of sleeping:
 *
 * <pre>{@code
 * assertThat(cluster).container("greeter-0").isReady();
 * assertThat(cluster).service("greeter").hasEndpoints(2);
 * assertThat(cluster).within(Duration.ofSeconds(2)).deadLetters().hasCount(1);
 * assertThat(cluster).events().forObject("container/crasher-0").hasWarning("BackOff");
 * assertThat(logs).container("greeter-0").hasLine("greeted Ada");
 * }</pre>
 *
 * <p>A condition that does not hold by the deadline fails with an {@link AssertionError} that
 * says what was awaited and what was seen last. Any thread.
 */
public final class K4sAssertions {

    /** How long an assertion waits unless told otherwise, in seconds. */
    public static final int DEFAULT_SECONDS = 10;

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(DEFAULT_SECONDS);

    private K4sAssertions() {}

    /** Assertions about {@code cluster}'s containers, services, dead letters and events. */
    public static ClusterAssert assertThat(K4sCluster cluster) {
        return new ClusterAssert(cluster, DEFAULT_WAIT);
    }

    /** Assertions about the lines containers logged. */
    public static LogsAssert assertThat(CapturedLogs logs) {
        return new LogsAssert(logs, DEFAULT_WAIT);
    }
}
