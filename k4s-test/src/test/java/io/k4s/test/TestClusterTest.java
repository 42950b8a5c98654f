package io.k4s.test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** A {@code @K4sTest} that names a manifest that is not there, or cannot be applied, fails before the test runs. */
class TestClusterTest {

    @K4sTest(manifests = "missing.yaml")
    static final class Missing {}

    @K4sTest(manifests = "kit-invalid.yaml")
    static final class Invalid {}

    @K4sTest(clockStart = "tomorrow")
    static final class BadClock {}

    private static TestCluster start(Class<?> test) {
        return TestCluster.start(test.getAnnotation(K4sTest.class), test);
    }

    @Test
    void aManifestNotOnTheClassPath_saysWhereToPutIt() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class, () -> start(Missing.class));

        assertTrue(e.getMessage().contains("manifest \"missing.yaml\" of @K4sTest on Missing is not on the test class"
                + " path: put it in src/test/resources/missing.yaml"), e.getMessage());
    }

    @Test
    void anInvalidManifest_failsWithItsFileAndLine() {
        ManifestException e = assertThrows(ManifestException.class, () -> start(Invalid.class));

        assertTrue(e.getMessage().contains("kit-invalid.yaml:5:") && e.getMessage().contains("replicas"),
                e.getMessage());
    }

    @Test
    void aClockStartThatIsNoInstant_saysHowToWriteIt() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> start(BadClock.class));

        assertTrue(e.getMessage().contains("2030-01-01T00:00:00Z"), e.getMessage());
    }
}
