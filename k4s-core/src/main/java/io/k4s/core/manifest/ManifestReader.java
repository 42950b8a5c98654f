package io.k4s.core.manifest;

import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.Resource;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Read k4s manifests (YAML, one resource per document) into resources, validating all of them
 * and reporting every problem with file, line, column, resource and field.
 *
 * <p>Reading is safe: SnakeYAML composes node trees only (no constructor, so a tag can never
 * build an object), and any tag beyond YAML's plain types is an error, as are more than 50
 * aliases, nesting deeper than 50 levels and manifests over 3 MB (refused as soon as
 * reading passes the limit). The schema is strict:
 * unknown fields are errors, and a field's YAML type must be the expected one. Empty documents
 * are skipped. Either every document is valid and all are returned, or a
 * {@link ManifestException} lists every error of every document and nothing is returned. A
 * problem in the YAML syntax itself ends the reading at that point.
 *
 * <p>Immutable and thread-safe.
 */
public final class ManifestReader {

    private static final String STRING_SOURCE = "<string>";

    private final Function<String, String> workerCheck;

    /** A reader that accepts any worker type name. */
    public ManifestReader() {
        this(null);
    }

    private ManifestReader(Function<String, String> workerCheck) {
        this.workerCheck = workerCheck;
    }

    /**
     * A copy that checks every {@code spec.worker} and {@code spec.template.spec.worker} with
     * {@code problemOrNull}, reporting a non-null result as the error at that field, for
     * example {@code unknown worker type "calculatr"; did you mean "calculator"?}.
     */
    public ManifestReader withWorkerCheck(Function<String, String> problemOrNull) {
        return new ManifestReader(Objects.requireNonNull(problemOrNull, "problemOrNull"));
    }

    /**
     * Read the resources in {@code yaml}; errors name the source {@code <string>}.
     *
     * @throws ManifestException listing every error
     */
    public List<Resource> read(String yaml) {
        return read(yaml, STRING_SOURCE);
    }

    /**
     * Read the resources in {@code yaml}; errors name {@code source}.
     *
     * @throws ManifestException listing every error
     */
    public List<Resource> read(String yaml, String source) {
        return read(new StringReader(yaml), source);
    }

    /**
     * Read the resources in {@code file} (UTF-8); errors name the path as given.
     *
     * @throws ManifestException    listing every error
     * @throws UncheckedIOException if the file cannot be read
     */
    public List<Resource> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file + ": " + e, e);
        }
    }

    /**
     * Read the resources from {@code reader}, which is not closed; errors name {@code source}.
     *
     * @throws ManifestException    listing every error
     * @throws UncheckedIOException if the reader fails
     */
    public List<Resource> read(Reader reader, String source) {
        Objects.requireNonNull(reader, "reader");
        String name = source == null ? STRING_SOURCE : source;
        List<ManifestError> errors = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        ManifestError broken = YamlDocuments.compose(reader, name, root -> {
            if (isEmpty(root)) {
                return;
            }
            Resource r = DocumentSchema.read(new Doc(name, errors), root, workerCheck);
            if (r != null) {
                resources.add(r);
            }
        });
        if (broken != null) {
            errors.add(broken);
        }
        if (!errors.isEmpty()) {
            List<ManifestError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(ManifestError::line).thenComparingInt(ManifestError::column));
            throw new ManifestException(sorted);
        }
        return List.copyOf(resources);
    }

    private static boolean isEmpty(Node root) {
        return root instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }
}
