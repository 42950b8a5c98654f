package io.k4s.core.manifest;

import io.k4s.api.resource.Resource;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.kind.ResourceCodec;
import java.util.List;

/**
 * Write resources as k4s manifests that {@link ManifestReader} reads back to equal resources,
 * from each kind's schema (through {@link ResourceCodec}).
 *
 * <p>Writes {@code apiVersion}, {@code kind}, {@code metadata} (the store's fields only when
 * set), {@code spec} with every field that is not empty, and {@code status} unless it is the
 * kind's empty status. Durations are written as {@code 5s}, {@code 250ms} or ISO-8601; times as
 * RFC 3339 in UTC. Params round-trip for the values YAML holds (strings, booleans, Integer,
 * Long, Double, null, maps and lists); any other value is written as its text. Immutable and
 * thread-safe.
 */
public final class ManifestWriter {

    private final ResourceCodec codec;

    /** A writer of the built-in kinds. */
    public ManifestWriter() {
        this(KindRegistry.builtIn());
    }

    /** A writer of the kinds of {@code kinds}. */
    public ManifestWriter(KindRegistry kinds) {
        this.codec = new ResourceCodec(kinds);
    }

    /**
     * The manifest of {@code resource}.
     *
     * @throws IllegalArgumentException if its kind is not registered
     */
    public String write(Resource resource) {
        return codec.toYaml(resource);
    }

    /**
     * The manifests of {@code resources}, one document each, separated by {@code ---}.
     *
     * @throws IllegalArgumentException if the kind of one is not registered
     */
    public String writeAll(List<? extends Resource> resources) {
        return codec.toYaml(resources);
    }
}
