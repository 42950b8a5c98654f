package io.k4s.core.kind;

import io.k4s.api.resource.InvalidResourceException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.ValidationContext;
import io.k4s.core.schema.GenericTree;
import io.k4s.core.schema.JsonText;
import io.k4s.core.schema.SchemaDecoder;
import io.k4s.core.schema.SchemaEncoder;
import io.k4s.core.schema.YamlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turn resources into their generic form (maps, lists and scalars), JSON and YAML, and the
 * generic form and JSON back into resources, driven by each kind's descriptor. Lossless: a
 * resource written and read back is {@code equal} to it, for every registered kind.
 *
 * <p>The generic form is what the API server, merge patches, durable stores and cross-JVM
 * messages use: {@link LinkedHashMap} (fields in schema order), {@link java.util.ArrayList},
 * {@link String}, {@link Long}, {@link Double}, {@link Boolean} and {@code null}. Reading is
 * strict and reports every problem with its field path ({@link InvalidResourceException}).
 * Reading YAML, with line and column, is {@code ManifestReader}'s.
 *
 * <p>Immutable and thread-safe.
 */
public final class ResourceCodec {

    private final KindRegistry kinds;

    /** A codec for the kinds of {@code kinds}. */
    public ResourceCodec(KindRegistry kinds) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    /** The registry the codec reads kinds from. */
    public KindRegistry kinds() {
        return kinds;
    }

    /**
     * The generic form of {@code resource}: apiVersion, kind, metadata, spec and, unless it is the
     * kind's empty status, status.
     *
     * @throws IllegalArgumentException if its kind is not registered
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toGeneric(Resource resource) {
        ResourceKind<Resource> kind = (ResourceKind<Resource>) kinds.kindOf(resource.getClass());
        return (Map<String, Object>) SchemaEncoder.encode(kind.schema(), resource);
    }

    /**
     * The generic form of {@code resource} as output shows it: {@link #toGeneric} with its kind's
     * redaction applied ({@link ResourceKind#redact}: a Secret's values become
     * {@code <redacted: N bytes>}). What every printed or served object goes through; not for
     * reading back.
     *
     * @throws IllegalArgumentException if its kind is not registered
     */
    public Map<String, Object> toRedactedGeneric(Resource resource) {
        return kinds.kindOf(resource.getClass()).redact(toGeneric(resource));
    }

    /** {@code resources} as YAML documents for output, each {@linkplain #toRedactedGeneric redacted}. */
    public String toRedactedYaml(List<? extends Resource> resources) {
        List<Object> documents = new ArrayList<>(resources.size());
        resources.forEach(r -> documents.add(toRedactedGeneric(r)));
        return YamlText.writeAll(documents);
    }

    /**
     * The resource {@code generic} describes; its {@code kind} field picks the kind.
     *
     * @throws InvalidResourceException listing every problem with its field path
     */
    public Resource fromGeneric(Object generic) {
        if (!(generic instanceof Map<?, ?> map)) {
            throw new InvalidResourceException("", "", List.of(new FieldError("",
                    "expected a map with apiVersion, kind, metadata and spec, got "
                            + GenericTree.INSTANCE.describe(generic))));
        }
        Object kindText = map.get("kind");
        if (kindText == null) {
            throw new InvalidResourceException("", nameOf(map), List.of(new FieldError("kind", "missing required field")));
        }
        ResourceKind<?> kind = kinds.forKind(String.valueOf(kindText)).orElseThrow(() -> new InvalidResourceException(
                "", nameOf(map), List.of(new FieldError("kind", "unknown kind \"" + kindText + "\""
                        + kinds.suggestion(String.valueOf(kindText)).map(s -> "; did you mean \"" + s + "\"?").orElse("")
                        + " (known kinds: " + String.join(", ", kinds.names()) + ")"))));
        return decode(kind, map);
    }

    /**
     * The resource of {@code type} that {@code generic} describes; a {@code kind} field, if
     * present, must be that type's kind.
     *
     * @throws InvalidResourceException listing every problem with its field path
     * @throws IllegalArgumentException if {@code type} is not a registered kind
     */
    public <R extends Resource> R fromGeneric(Object generic, Class<R> type) {
        return decode(kinds.kindOf(type), generic);
    }

    /**
     * The problems of {@code resource} as its kind's schema sees them (for a resource built in
     * Java rather than read): every field's checks, those that ask {@code context} (worker types)
     * and the kind's validation across fields, each with its field path; empty if it is valid.
     *
     * @throws IllegalArgumentException if its kind is not registered
     */
    public List<FieldError> validate(Resource resource, ValidationContext context) {
        List<FieldError> errors = new ArrayList<>();
        SchemaDecoder<Object> decoder = new SchemaDecoder<>(GenericTree.INSTANCE,
                (at, path, message) -> errors.add(new FieldError(path, message)), context);
        decoder.decode(kinds.kindOf(resource.getClass()).schema(), toGeneric(resource), "");
        return errors;
    }

    /** {@code resource} as compact JSON. */
    public String toJson(Resource resource) {
        return JsonText.write(toGeneric(resource));
    }

    /**
     * The resource {@code json} describes.
     *
     * @throws InvalidResourceException listing every problem with its field path, or saying why
     *                                  the text is not JSON (with line and column) or which limit
     *                                  it exceeds
     */
    public Resource fromJson(String json) {
        return fromGeneric(parse(json));
    }

    /**
     * The resource of {@code type} that {@code json} describes.
     *
     * @throws InvalidResourceException as {@link #fromJson(String)}
     */
    public <R extends Resource> R fromJson(String json, Class<R> type) {
        return fromGeneric(parse(json), type);
    }

    /** {@code resource} as a YAML manifest. */
    public String toYaml(Resource resource) {
        return YamlText.write(toGeneric(resource));
    }

    /** {@code resources} as YAML manifests, one document each, separated by {@code ---}. */
    public String toYaml(List<? extends Resource> resources) {
        List<Object> documents = new ArrayList<>(resources.size());
        resources.forEach(r -> documents.add(toGeneric(r)));
        return YamlText.writeAll(documents);
    }

    private static Object parse(String json) {
        try {
            return JsonText.read(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidResourceException("", "", List.of(new FieldError("", e.getMessage())));
        }
    }

    private static <R extends Resource> R decode(ResourceKind<R> kind, Object generic) {
        List<FieldError> errors = new ArrayList<>();
        SchemaDecoder<Object> decoder = new SchemaDecoder<>(GenericTree.INSTANCE,
                (at, path, message) -> errors.add(new FieldError(path, message)), ValidationContext.LENIENT);
        R resource = decoder.decode(kind.schema(), generic, "");
        if (!errors.isEmpty()) {
            throw new InvalidResourceException(kind.kind(), generic instanceof Map<?, ?> m ? nameOf(m) : "", errors);
        }
        return resource;
    }

    private static String nameOf(Map<?, ?> map) {
        return map.get("metadata") instanceof Map<?, ?> meta && meta.get("name") instanceof String name ? name : "";
    }
}
