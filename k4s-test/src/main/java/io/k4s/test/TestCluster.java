package io.k4s.test;

import io.k4s.core.K4sCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A cluster started for a test, with the test clock that drives it and the logs it captures;
 * closing it closes the cluster.
 */
record TestCluster(K4sCluster cluster, TestClock clock, CapturedLogs logs, Class<?> testClass)
        implements AutoCloseable {

    /** Start a cluster as {@code settings} say and apply its manifests, read next to {@code testClass}. */
    static TestCluster start(K4sTest settings, Class<?> testClass) {
        TestClock clock = new TestClock(clockStart(settings, testClass));
        K4sCluster cluster = K4sCluster.builder().clock(clock).timers(clock).start();
        CapturedLogs logs = new CapturedLogs(cluster.runtime());
        clock.afterAdvance(cluster::resync);
        TestCluster started = new TestCluster(cluster, clock, logs, testClass);
        try {
            for (String manifest : settings.manifests()) {
                started.applyResource(manifest, "@K4sTest on " + testClass.getSimpleName());
            }
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return started;
    }

    private static Instant clockStart(K4sTest settings, Class<?> testClass) {
        if (settings.clockStart().isEmpty()) {
            return Instant.now();
        }
        try {
            return Instant.parse(settings.clockStart());
        } catch (DateTimeParseException e) {
            throw new ExtensionConfigurationException("clockStart \"" + settings.clockStart() + "\" of @K4sTest on "
                    + testClass.getName() + " is not an ISO-8601 instant; write it as 2030-01-01T00:00:00Z", e);
        }
    }

    /** Apply the manifests of {@code apply}; {@code where} names the annotation for errors. */
    void apply(Apply apply, String where) {
        for (String manifest : apply.value()) {
            applyResource(manifest, where);
        }
        if (!apply.yaml().isBlank()) {
            cluster.apply(apply.yaml(), where);
        }
    }

    private void applyResource(String manifest, String where) {
        String path = manifest.startsWith("/") ? manifest.substring(1) : manifest;
        try (InputStream in = testClass.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new ExtensionConfigurationException("manifest \"" + manifest + "\" of " + where + " is not on"
                        + " the test class path: put it in src/test/resources/" + path);
            }
            cluster.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read manifest " + path + " of " + where, e);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
