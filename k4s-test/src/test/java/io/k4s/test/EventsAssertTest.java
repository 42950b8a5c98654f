package io.k4s.test;

import static io.k4s.test.K4sAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.core.K4sCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The kit's event assertions wait for an event about an object, name the object in kubectl's
 * words, and when the deadline passes fail saying which events there were.
 */
@K4sTest(manifests = "kit-greeter.yaml")
class EventsAssertTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    private static final String CRASHER = """
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: crasher}
            spec: {worker: kit-crasher}
            """;

    @Test
    void aCrashingContainer_hasABackOffWarning_awaitedUntilItComes(K4sCluster cluster) {
        cluster.apply(CRASHER, "crasher.yaml");

        assertThat(cluster).events().forObject("container/crasher").hasReason("BackOff").hasWarning("BackOff");
        assertThat(cluster).events().forObject("ctr/crasher").hasReason("BackOff", 2);
        assertThat(cluster).events().forObject("container/greeter-0").hasNoReason("BackOff");
    }

    @Test
    void normalEvents_ofAnotherKind_areFoundByItsShortName(K4sCluster cluster) {
        assertThat(cluster).events().forObject("rs/greeter").hasNormal("SuccessfulCreate")
                .anyMatch("creating greeter-1", e -> e.message().endsWith("greeter-1"));
        assertThat(cluster).events().hasReason("SuccessfulCreate");
    }

    @Test
    void anEventThatDoesNotCome_failsNamingTheObjectAndTheEventsSeen(K4sCluster cluster) {
        cluster.apply(CRASHER, "crasher.yaml");
        assertThat(cluster).events().forObject("container/crasher").hasWarning("BackOff");

        AssertionError e = assertThrows(AssertionError.class,
                () -> assertThat(cluster).within(SHORT).events().forObject("container/crasher").hasNormal("BackOff"));

        assertTrue(e.getMessage().startsWith("expected an event about Container default/crasher Normal BackOff"
                + " within 200 ms, but there are [") && e.getMessage().contains("Warning BackOff"), e.getMessage());
        AssertionError none = assertThrows(AssertionError.class,
                () -> assertThat(cluster).within(SHORT).events().forObject("container/nobody").hasReason("Started"));
        assertTrue(none.getMessage().endsWith("but there is none"), none.getMessage());
        AssertionError present = assertThrows(AssertionError.class,
                () -> assertThat(cluster).events().forObject("container/crasher").hasNoReason("BackOff"));
        assertTrue(present.getMessage().startsWith("expected no event about Container default/crasher with reason"
                + " BackOff, but there are ["), present.getMessage());
    }

    @Test
    void anObjectNotWrittenKindSlashName_orOfAnUnknownKind_isRefused(K4sCluster cluster) {
        IllegalArgumentException noSlash = assertThrows(IllegalArgumentException.class,
                () -> assertThat(cluster).events().forObject("crasher"));
        assertTrue(noSlash.getMessage().contains("expected KIND/NAME such as container/x, got \"crasher\""),
                noSlash.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> assertThat(cluster).events().forObject("widget/crasher"));
        assertTrue(unknown.getMessage().startsWith("unknown kind \"widget\""), unknown.getMessage());
    }
}
