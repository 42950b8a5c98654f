package io.k4s.api.resource;

import java.util.Objects;

/**
 * Report one worker image that nodes have in their plugins folders: a jar {@code NAME-VERSION.jar}
 * or a folder {@code NAME-VERSION/} of jars, loaded in a class loader of its own on each node.
 * Cluster-wide, named {@link ImageRef#resourceName()}; the first node that has the image creates
 * it, each node's agent writes only its own entry of {@link ImageStatus#nodes()} (adding it when
 * the image appears there, removing it once the image is gone there and unused), and the one that
 * removes the last entry deletes it.
 *
 * @param metadata name (such as {@code greeter-2.0}) and store fields
 * @param spec     which image: name and version
 * @param status   what the nodes found in it; {@link ImageStatus#EMPTY} when null
 */
public record Image(ObjectMeta metadata, ImageSpec spec, ImageStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Image";

    /** Requires metadata and spec. */
    public Image {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? ImageStatus.EMPTY : status;
    }

    /** The resource of the image {@code ref} (no status yet). */
    public static Image of(ImageRef ref) {
        return new Image(ObjectMeta.cluster(ref.resourceName()), new ImageSpec(ref.name(), ref.version()), null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Image withMetadata(ObjectMeta metadata) {
        return new Image(metadata, spec, status);
    }

    @Override
    public Image withStatus(Object status) {
        if (!(status instanceof ImageStatus s)) {
            throw new IllegalArgumentException("an Image's status must be an ImageStatus, got " + status);
        }
        return new Image(metadata, spec, s);
    }
}
