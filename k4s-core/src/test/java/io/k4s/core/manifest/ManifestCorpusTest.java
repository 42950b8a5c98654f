package io.k4s.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.Resource;
import io.k4s.core.schema.Spelling;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Read every manifest under {@code manifests/good} (must read and round-trip) and
 * {@code manifests/bad} (must fail with exactly the lines of the sibling {@code .expected}).
 */
class ManifestCorpusTest {

    /** The worker types the bad corpus is checked against. */
    static final Set<String> KNOWN_WORKERS = new TreeSet<>(List.of("echo", "calculator", "processor",
            "aggregator", "generator"));

    /** A worker check as the cluster's worker registry would make one. */
    static String workerProblem(String type) {
        if (KNOWN_WORKERS.contains(type)) {
            return null;
        }
        return "unknown worker type \"" + type + "\""
                + Spelling.nearest(type, KNOWN_WORKERS).map(s -> "; did you mean \"" + s + "\"?").orElse("")
                + " (known types: " + String.join(", ", KNOWN_WORKERS) + ")";
    }

    private final ManifestReader reader = new ManifestReader().withWorkerCheck(ManifestCorpusTest::workerProblem);

    static Stream<Path> good() throws IOException, URISyntaxException {
        return yamlFiles("good");
    }

    static Stream<Path> bad() throws IOException, URISyntaxException {
        return yamlFiles("bad");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void goodManifest_reads_andRoundTrips(Path file) throws IOException {
        List<Resource> resources = read(new ManifestReader(), file);

        assertFalse(resources.isEmpty(), file + " holds resources");
        for (Resource r : resources) {
            assertEquals(List.of(r), new ManifestReader().read(new ManifestWriter().write(r)), "round trip of " + r.key());
        }
        assertEquals(resources, new ManifestReader().read(new ManifestWriter().writeAll(resources)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void badManifest_reportsExactlyTheExpectedErrors(Path file) throws IOException {
        Path expectedFile = file.resolveSibling(file.getFileName().toString().replace(".yaml", ".expected"));
        assertTrue(Files.exists(expectedFile), "every bad manifest has its .expected: " + expectedFile);
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);

        ManifestException e = assertThrows(ManifestException.class, () -> read(reader, file));

        assertEquals(expected, e.errors().stream().map(ManifestError::toString).toList());
        assertEquals(String.join("\n", expected), e.getMessage());
    }

    @Test
    void theCorpusCoversTheCasesTheBriefNames() throws IOException, URISyntaxException {
        Set<String> names = new TreeSet<>(bad().map(p -> p.getFileName().toString()).toList());
        for (String required : List.of("replicas-not-a-number.yaml", "unknown-field.yaml", "missing-worker.yaml",
                "bad-api-version.yaml", "unknown-kind.yaml", "invalid-name.yaml", "invalid-glob.yaml",
                "bad-load-balancing.yaml", "several-errors.yaml", "billion-laughs.yaml", "deep-nesting.yaml",
                "script-engine-tag.yaml", "url-classloader-tag.yaml", "duplicate-keys.yaml", "unknown-worker.yaml")) {
            assertTrue(names.contains(required), "bad corpus has " + required);
        }
    }

    private static List<Resource> read(ManifestReader reader, Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.read(in, file.getFileName().toString());
        }
    }

    private static Stream<Path> yamlFiles(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(ManifestCorpusTest.class.getResource("/manifests/" + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }
}
