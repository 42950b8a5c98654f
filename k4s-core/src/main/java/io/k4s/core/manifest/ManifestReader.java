package io.k4s.core.manifest;

import io.k4s.api.resource.ManifestError;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.MetadataSchemas;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ResourceNames;
import io.k4s.api.schema.FreeFormSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.ValidationContext;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.schema.SchemaDecoder;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Read k4s manifests (YAML, one resource per document) into resources, validating all of them
 * and reporting every problem with file, line, column, resource and field.
 *
 * <p>Each document is read against its kind's schema, from the {@link KindRegistry} the reader
 * was made with, including the checks that ask the cluster (worker types, with
 * {@link #withWorkerCheck}) and the kind's validation across fields; every error carries the
 * position of the field it names.
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

    private final KindRegistry kinds;
    private final ValidationContext checks;
    private final ObjectSchema<ObjectSchema.Values> anyKind;

    /** A reader of the built-in kinds that accepts any worker type name. */
    public ManifestReader() {
        this(KindRegistry.builtIn());
    }

    /** A reader of the kinds of {@code kinds} that accepts any worker type name. */
    public ManifestReader(KindRegistry kinds) {
        this(kinds, ValidationContext.LENIENT);
    }

    private ManifestReader(KindRegistry kinds, ValidationContext checks) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        this.checks = checks;
        this.anyKind = anyKind(kinds);
    }

    /**
     * A copy that checks every worker type the schemas name ({@code spec.worker},
     * {@code spec.template.spec.worker}) with {@code problemOrNull}, reporting a non-null result
     * as the error at that field, for example
     * {@code unknown worker type "calculatr"; did you mean "calculator"?}.
     */
    public ManifestReader withWorkerCheck(Function<String, String> problemOrNull) {
        Objects.requireNonNull(problemOrNull, "problemOrNull");
        return new ManifestReader(kinds, problemOrNull::apply);
    }

    /**
     * A copy that asks {@code checks} what the schemas' checks ask the cluster: worker types of
     * the class path ({@code spec.worker}) and of images ({@code spec.image} with
     * {@code spec.worker}), in containers and templates alike.
     */
    public ManifestReader withValidation(ValidationContext checks) {
        return new ManifestReader(kinds, Objects.requireNonNull(checks, "checks"));
    }

    /** The kinds this reader knows. */
    public KindRegistry kinds() {
        return kinds;
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
            Resource r = document(new Doc(name, errors), root);
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

    /** The resource of one document, or {@code null} if it has errors (reported to {@code doc}). */
    private Resource document(Doc doc, Node root) {
        if (!(root instanceof MappingNode)) {
            doc.error(root, "", "expected a map with apiVersion, kind, metadata and spec, got "
                    + YamlTree.INSTANCE.describe(root));
            return null;
        }
        String kindText = Doc.peekString(root, "kind");
        String name = Doc.peekString(Doc.peek(root, "metadata"), "name");
        ResourceKind<?> kind = kinds.forKind(kindText).orElse(null);
        doc.identify(kind == null ? "" : kind.kind(), name != null && ResourceNames.nameProblem(name) == null ? name : "");
        if (!NodeCheck.check(doc, root)) {
            return null;
        }
        SchemaDecoder<Node> decoder = new SchemaDecoder<>(YamlTree.INSTANCE, doc::error, checks);
        if (kind == null) {
            if (kindText != null) {
                decoder.report(Doc.peek(root, "kind"), "kind", "unknown kind \"" + kindText + "\""
                        + kinds.suggestion(kindText).map(s -> "; did you mean \"" + s + "\"?").orElse("")
                        + " (known kinds: " + String.join(", ", kinds.names()) + ")");
            }
            decoder.decode(anyKind, root, "");
            return null;
        }
        Resource resource = decoder.decode(kind.schema(), root, "");
        return decoder.errors() > 0 ? null : resource;
    }

    /**
     * What a document of an unknown (or missing) kind is still checked against: the fields every
     * kind has, so that its other mistakes are reported in the same pass.
     */
    private static ObjectSchema<ObjectSchema.Values> anyKind(KindRegistry kinds) {
        Set<String> versions = kinds.kinds().stream().map(ResourceKind::apiVersion)
                .collect(Collectors.toCollection(TreeSet::new));
        String expected = versions.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(" or "));
        FreeFormSchema<Object> anything = FreeFormSchema.any().build();
        return ObjectSchema.<ObjectSchema.Values>builder("Resource")
                .optional("apiVersion", StringSchema.builder()
                        .check(v -> versions.contains(v) ? null : "expected " + expected + ", got \"" + v + "\"").build(),
                        v -> null, null, "")
                .required("kind", StringSchema.of("The kind."), v -> null, "")
                .required("metadata", MetadataSchemas.OBJECT_META, v -> null, "")
                .required("spec", anything, v -> null, "")
                .optional("status", anything, v -> null, null, "")
                .build(values -> values);
    }

    private static boolean isEmpty(Node root) {
        return root instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }
}
