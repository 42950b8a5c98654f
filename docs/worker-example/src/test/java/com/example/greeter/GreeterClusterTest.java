package com.example.greeter;

import static io.k4s.test.K4sAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.core.K4sCluster;
import io.k4s.test.CapturedLogs;
import io.k4s.test.K4sTest;
import io.k4s.test.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workers as k4s runs them: in a cluster, through a service, with timers on a test clock. */
@K4sTest(manifests = "greeter-app.yaml")   // src/test/resources/greeter-app.yaml, applied before each test
class GreeterClusterTest {

    @BeforeEach
    void everythingIsReady(K4sCluster cluster) {
        assertThat(cluster).service("greeter").hasEndpoints(2);   // waits up to 10 s, never sleeps
        assertThat(cluster).container("reminder").isReady();
        assertThat(cluster).container("asking").isReady();
    }

    @Test
    void greetsThroughTheService(Messenger messenger, CapturedLogs logs) {
        assertEquals("Hello, World!", messenger.request(Address.service("greeter"), "World").join());
        assertThat(logs).container("greeter-0").hasLine("ready to greet with \"Hello\"");
    }

    @Test
    void theAskingGreeter_answersWithTheGreetersReply(Messenger messenger) {
        assertEquals("The greeter says: HELLO, ADA!", messenger.request(Address.container("asking"), "Ada").join());
    }

    @Test
    void theReminder_sendsOncePerPeriod_whenTheClockMoves(K4sCluster cluster, Messenger messenger, TestClock clock) {
        assertEquals(0L, sent(messenger), "the test clock stands still until the test moves it");

        for (long minute = 1; minute <= 3; minute++) {
            clock.advance(Duration.ofMinutes(1));   // no waiting: the tick is due at once
            long expected = minute;
            cluster.await(Duration.ofSeconds(10), expected + " reminders", () -> sent(messenger) == expected);
        }
        assertThat(cluster).deadLetters().isEmpty();
    }

    @Test
    void aNamelessGreeting_sentWithoutWaitingForAReply_isADeadLetter(K4sCluster cluster, Messenger messenger) {
        messenger.send(Address.service("greeter"), " ");

        assertThat(cluster).deadLetters().hasCount(1);
    }

    private static long sent(Messenger messenger) {
        return (Long) messenger.request(Address.container("reminder"), "count").join();
    }
}
