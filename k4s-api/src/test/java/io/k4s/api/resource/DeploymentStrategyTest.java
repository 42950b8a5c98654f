package io.k4s.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentStrategyTest {

    private static DeploymentStrategy rolling(String surge, String unavailable) {
        return DeploymentStrategy.rollingUpdate(IntOrPercent.parse(surge), IntOrPercent.parse(unavailable));
    }

    @Test
    void percentages_roundAsKubernetes_surgeUp_unavailableDown() {
        DeploymentStrategy defaults = DeploymentStrategy.DEFAULT;
        assertEquals(List.of(3, 2), List.of(defaults.maxSurge(10), defaults.maxUnavailable(10)), "25% of 10");
        assertEquals(List.of(1, 0), List.of(defaults.maxSurge(1), defaults.maxUnavailable(1)), "25% of 1");
        assertEquals(List.of(1, 1), List.of(defaults.maxSurge(4), defaults.maxUnavailable(4)), "25% of 4");
        assertEquals(List.of(2, 3), List.of(rolling("2", "3").maxSurge(10), rolling("2", "3").maxUnavailable(10)));
    }

    @Test
    void bothBudgetsRoundingToZero_allowOneUnavailable_andUnavailableNeverExceedsReplicas() {
        DeploymentStrategy tiny = rolling("0", "1%");
        assertEquals(List.of(0, 1), List.of(tiny.maxSurge(10), tiny.maxUnavailable(10)));
        assertEquals(3, rolling("0", "100%").maxUnavailable(3));
        assertEquals(2, rolling("1", "5").maxUnavailable(2));
        assertEquals(0, DeploymentStrategy.DEFAULT.maxUnavailable(0));
        assertEquals(List.of(0, 0), List.of(DeploymentStrategy.RECREATE.maxSurge(5),
                DeploymentStrategy.RECREATE.maxUnavailable(5)));
    }

    @Test
    void invalidBudgets_areRefusedNamingTheField() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> rolling("0", "0%"));
        assertTrue(zero.getMessage().startsWith("spec.strategy.rollingUpdate: maxSurge and maxUnavailable"),
                zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rolling("1", "101%"));
        assertThrows(IllegalArgumentException.class, () -> IntOrPercent.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> IntOrPercent.parse("25 %%"));
        assertThrows(IllegalArgumentException.class,
                () -> new DeploymentStrategy(DeploymentStrategy.Type.RECREATE, DeploymentStrategy.RollingUpdate.DEFAULT));
        assertEquals("25%", IntOrPercent.percent(25).toString());
        assertEquals(IntOrPercent.of(3), IntOrPercent.parse(" 3 "));
    }
}
