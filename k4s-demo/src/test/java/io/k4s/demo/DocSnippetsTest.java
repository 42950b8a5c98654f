package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ManifestException;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.manifest.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The docs show code that works. docs/WRITING-A-WORKER.md shows only code that
 * docs/worker-example holds (and CI builds and runs): every java, xml and yaml block follows a
 * {@code <!-- snippet: PATH[#REGION] -->} line and equals that file, or the lines between
 * {@code snippet:start REGION} and {@code snippet:end REGION} in it (marker lines left out, common
 * indentation removed). Every yaml block of docs/QUICKREF.md is one manifest that reads.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+?)(?:#(\\S+))? -->");
    private static final Pattern REGION_LINE = Pattern.compile(".*snippet:(start|end) .*");

    @Test
    void writingAWorker_everyCodeBlockIsTheExamplesSource() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/WRITING-A-WORKER.md"));
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.matches("```(java|xml|yaml)")) {
                continue;
            }
            Matcher m = MARKER.matcher(i > 0 ? lines.get(i - 1) : "");
            assertTrue(m.matches(), "WRITING-A-WORKER.md:" + (i + 1) + ": a " + line.substring(3)
                    + " block without a <!-- snippet: PATH#REGION --> line before it; put the code in"
                    + " docs/worker-example and include it from there");
            int end = lines.subList(i + 1, lines.size()).indexOf("```") + i + 1;
            String shown = String.join("\n", lines.subList(i + 1, end));
            assertEquals(source(m.group(1), m.group(2)), shown, "WRITING-A-WORKER.md:" + (i + 1)
                    + " differs from " + m.group(1) + (m.group(2) == null ? "" : "#" + m.group(2))
                    + "; copy the source into the guide");
            checked++;
            i = end;
        }
        assertTrue(checked >= 8, "only " + checked + " snippets found");
    }

    @Test
    void quickReference_everyYamlBlockIsAManifestThatReads() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/QUICKREF.md"));
        // The kinds of every jar on the classpath: the RBAC kinds of k4s-server too.
        ManifestReader reader = new ManifestReader(KindRegistry.load(DocSnippetsTest.class.getClassLoader()));
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```yaml")) {
                continue;
            }
            int end = lines.subList(i + 1, lines.size()).indexOf("```") + i + 1;
            String yaml = String.join("\n", lines.subList(i + 1, end)) + "\n";
            try {
                assertEquals(1, reader.read(yaml, "QUICKREF.md:" + (i + 2)).size());
            } catch (ManifestException e) {
                throw new AssertionError("QUICKREF.md:" + (i + 1) + ": the example does not read: " + e.getMessage(), e);
            }
            checked++;
            i = end;
        }
        assertTrue(checked >= 7, "only " + checked + " manifests found");
    }

    private static String source(String path, String region) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(path));
        if (region != null) {
            int start = indexOf(lines, "snippet:start " + region, path);
            int end = indexOf(lines, "snippet:end " + region, path);
            lines = lines.subList(start + 1, end);
        }
        List<String> kept = new ArrayList<>();
        lines.stream().filter(l -> !REGION_LINE.matcher(l).matches()).forEach(kept::add);
        int indent = kept.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", kept.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }

    private static int indexOf(List<String> lines, String marker, String path) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError(path + " has no line with " + marker);
    }
}
