package io.k4s.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControllerConfigTest {

    @Test
    void defaults_areTenSecondResync_fiveMsToTenSecondBackoff() {
        ControllerConfig d = ControllerConfig.defaults();

        assertEquals(Duration.ofSeconds(10), d.resyncPeriod());
        assertEquals(Duration.ofMillis(5), d.baseBackoff());
        assertEquals(Duration.ofSeconds(10), d.maxBackoff());
    }

    @Test
    void nonPositiveDurations_areRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControllerConfig.defaults().withResyncPeriod(Duration.ZERO));
        assertTrue(e.getMessage().startsWith("resyncPeriod must be positive"), e.getMessage());

        NullPointerException n = assertThrows(NullPointerException.class,
                () -> ControllerConfig.defaults().withBackoff(null, Duration.ofSeconds(1)));
        assertTrue(n.getMessage().contains("baseBackoff"), n.getMessage());
    }

    @Test
    void baseBackoffAboveMax_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControllerConfig.defaults().withBackoff(Duration.ofSeconds(20), Duration.ofSeconds(10)));

        assertTrue(e.getMessage().contains("must not exceed maxBackoff"), e.getMessage());
    }
}
