package io.k4s.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.k4s.api.resource.ForbiddenException;
import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.core.K4sCluster;
import io.k4s.core.manifest.ManifestReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz the manifest reader and {@link K4sCluster#apply(String)} with Jazzer, coverage-guided
 * when {@code JAZZER_FUZZ=1}, otherwise replaying the seed corpus (the manifests of
 * {@code src/test/resources/manifests}, copied under {@code ManifestFuzzTestInputs/}).
 *
 * <p>The property: a manifest either reads (and applies), or fails with a
 * {@link ManifestException} whose every error carries a line; any other exception, and any
 * input that takes longer than {@code maxDuration}, is a finding. See docs/RELIABILITY.md for
 * the commands.
 */
class ManifestFuzzTest {

    /** Controllers off: apply writes to the store only, so a fuzzed replica count starts nothing. */
    private static K4sCluster cluster;

    private static synchronized K4sCluster cluster() {
        if (cluster == null) {
            cluster = K4sCluster.builder().discoverReconcilers(false).start();
        }
        return cluster;
    }

    @AfterAll
    static synchronized void closeCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @FuzzTest(maxDuration = "60s")
    void read(byte[] data) {
        String yaml = new String(data, StandardCharsets.UTF_8);
        try {
            List<Resource> resources = cluster().manifestReader().read(yaml, "fuzz.yaml");
            ManifestProperties.roundTrips(resources);
        } catch (ManifestException e) {
            ManifestProperties.everyErrorHasALine(e, yaml);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void apply(byte[] data) {
        String yaml = new String(data, StandardCharsets.UTF_8);
        K4sCluster c = cluster();
        try {
            List<Resource> applied = c.apply(yaml, "fuzz.yaml");
            for (Resource r : applied) {
                ManifestProperties.deleteIfPresent(c, r);
            }
        } catch (ManifestException e) {
            ManifestProperties.everyErrorHasALine(e, yaml);
        } catch (NotFoundException | ForbiddenException refused) {
            // Admission refused it (a namespace that does not exist, a quota): a clear error, nothing written.
            assertTrue(refused.getMessage().startsWith("namespaces \"") || refused.getMessage().contains("forbidden"),
                    refused.getMessage());
        }
    }

    /** The error list of {@code e}, for failure messages. */
    static String describe(ManifestException e) {
        StringBuilder b = new StringBuilder();
        for (ManifestError error : e.errors()) {
            b.append("\n  ").append(error);
        }
        return b.toString();
    }
}
