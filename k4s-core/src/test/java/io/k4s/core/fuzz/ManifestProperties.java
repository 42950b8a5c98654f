package io.k4s.core.fuzz;

import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.core.K4sCluster;
import io.k4s.core.manifest.ManifestReader;
import io.k4s.core.manifest.ManifestWriter;
import java.util.List;

/** What must hold for any manifest, fuzzed or hand-written; each check throws AssertionError. */
final class ManifestProperties {

    private ManifestProperties() {}

    /** Every error names a line (1-based) inside the input and says something. */
    static void everyErrorHasALine(ManifestException e, String yaml) {
        long lines = yaml.lines().count();
        for (ManifestError error : e.errors()) {
            if (error.line() < 1 || error.line() > Math.max(1, lines + 1)) {
                throw new AssertionError("a manifest error without a valid line (input has " + lines + " lines): "
                        + error + "\nall errors:" + ManifestFuzzTest.describe(e));
            }
            if (error.message().isBlank()) {
                throw new AssertionError("a manifest error without a message: " + error);
            }
        }
    }

    /** What was read writes back to YAML that reads as the same resources. */
    static void roundTrips(List<Resource> resources) {
        if (resources.isEmpty()) {
            return;
        }
        String written = new ManifestWriter().writeAll(resources);
        List<Resource> again;
        try {
            again = new ManifestReader().read(written, "written.yaml");
        } catch (ManifestException e) {
            throw new AssertionError("ManifestWriter wrote YAML the reader refuses:\n" + written
                    + "\nerrors:" + ManifestFuzzTest.describe(e), e);
        }
        if (!again.equals(resources)) {
            throw new AssertionError("a round trip through ManifestWriter changed the resources:\nread "
                    + resources + "\nwritten\n" + written + "\nread back " + again);
        }
    }

    static void deleteIfPresent(K4sCluster cluster, Resource r) {
        try {
            cluster.delete(r.getClass(), r.metadata().namespace(), r.metadata().name());
        } catch (NotFoundException alreadyGone) {
            // A manifest may name one resource twice; the second delete finds nothing.
            return;
        }
    }
}
