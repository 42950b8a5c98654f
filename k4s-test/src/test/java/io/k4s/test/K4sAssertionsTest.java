package io.k4s.test;

import static io.k4s.test.K4sAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kit's assertions wait for their condition and, when the deadline passes, fail saying
 * what was awaited and what was seen; each container's log lines are captured.
 */
@K4sTest(manifests = "kit-greeter.yaml")
class K4sAssertionsTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void aContainerThatIsNotThere_failsNamingItAndWhatWasSeen(K4sCluster cluster) {
        AssertionError e = assertThrows(AssertionError.class,
                () -> assertThat(cluster).within(SHORT).container("nobody").isReady());

        assertTrue(e.getMessage().startsWith("expected container default/nobody to be ready within 200 ms, but there"
                + " is no such container"), e.getMessage());
    }

    @Test
    void aConditionThatDoesNotCome_failsWithTheContainersStatus(K4sCluster cluster) {
        assertThat(cluster).container("greeter-0").isReady();

        AssertionError e = assertThrows(AssertionError.class,
                () -> assertThat(cluster).within(SHORT).container("greeter-0").hasRestarted(1));

        assertTrue(e.getMessage().contains("to have restarted 1 times") && e.getMessage().contains("it is Running, ready"),
                e.getMessage());
    }

    @Test
    void aServiceWithoutTheEndpointsAsked_failsWithWhatItHas(K4sCluster cluster) {
        assertThat(cluster).service("greeter").hasEndpoints(2);

        AssertionError e = assertThrows(AssertionError.class,
                () -> assertThat(cluster).within(SHORT).service("greeter").hasEndpoints(3));

        assertTrue(e.getMessage().contains("service default/greeter to have 3 ready endpoints")
                && e.getMessage().contains("its status lists [greeter-") && e.getMessage().endsWith("and the router has 2"),
                e.getMessage());
    }

    @Test
    void deadLetters_areCountedAndMatched(K4sCluster cluster, Messenger messenger) {
        assertThat(cluster).container("greeter-0").isReady();
        assertThat(cluster).deadLetters().isEmpty();

        messenger.send(Address.container("greeter-0"), " ");

        assertThat(cluster).deadLetters().hasCount(1)
                .anyMatch("to greeter-0", d -> d.target().equals(Address.container("default", "greeter-0")));
        AssertionError e = assertThrows(AssertionError.class, () -> assertThat(cluster).deadLetters().isEmpty());
        assertTrue(e.getMessage().startsWith("expected no dead letters, but there are 1: [default/container/greeter-0"),
                e.getMessage());
    }

    @Test
    void eachContainersLog_isCaptured(K4sCluster cluster, Messenger messenger, CapturedLogs logs) {
        assertThat(cluster).container("greeter-1").isReady();

        messenger.request(Address.container("greeter-1"), "Ada").join();

        assertThat(logs).container("greeter-1").hasLine("greeted Ada");
        assertEquals(List.of("greeted Ada"), workerLines(logs, "greeter-1"));
        assertEquals("INFO", logs.of("greeter-1").stream().filter(l -> l.text().equals("greeted Ada")).findFirst()
                .orElseThrow().level());
        assertEquals(List.of(), workerLines(logs, "greeter-0"), "greeter-0 greeted nobody");
        AssertionError e = assertThrows(AssertionError.class,
                () -> assertThat(logs).within(SHORT).container("greeter-0").hasLine("greeted Ada"));
        assertTrue(e.getMessage().contains("but it logged [") && !e.getMessage().contains("INFO greeted Ada"),
                e.getMessage());
    }

    /** The lines the worker wrote, without the runtime's [k4s] lifecycle lines. */
    private static List<String> workerLines(CapturedLogs logs, String container) {
        return logs.messages(container).stream().filter(m -> !m.startsWith("[k4s]")).toList();
    }
}
