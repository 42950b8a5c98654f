package io.k4s.api.resource;

import java.util.Objects;

/**
 * Report one worker image a node has in its plugins folder: a jar {@code NAME-VERSION.jar} or a
 * folder {@code NAME-VERSION/} of jars, loaded in a class loader of its own. Cluster-wide, named
 * {@link ImageRef#resourceName()}; the node agent creates it when the image appears, writes its
 * status, and deletes it once the image is gone and no container uses it any more.
 *
 * @param metadata name (such as {@code greeter-2.0}) and store fields
 * @param spec     which image: name and version
 * @param status   what the node found in it; {@link ImageStatus#EMPTY} when null
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
