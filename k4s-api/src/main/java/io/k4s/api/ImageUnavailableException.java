package io.k4s.api;

import java.util.Objects;

/**
 * Report that a container cannot start from the image its spec names, and why, in one of the
 * reasons its status shows: the image is not in the plugins folder ({@link #IMAGE_NOT_FOUND}),
 * could not be loaded ({@link #INVALID_IMAGE}), or offers no such worker type
 * ({@link #UNKNOWN_WORKER_TYPE}).
 *
 * <p>None of them is final: the container stays Pending and starts once a fitting image is
 * dropped into the plugins folder.
 */
public class ImageUnavailableException extends K4sException {

    /** No jar {@code NAME-VERSION.jar} and no folder {@code NAME-VERSION/} in the plugins folder. */
    public static final String IMAGE_NOT_FOUND = "ImageNotFound";
    /** The image is there but could not be loaded (a bad services file, a class that fails to load...). */
    public static final String INVALID_IMAGE = "InvalidImage";
    /** The image loaded but offers no worker type of that name. */
    public static final String UNKNOWN_WORKER_TYPE = "UnknownWorkerType";

    private final String image;
    private final String reason;

    /**
     * The image {@code image} ({@code NAME:VERSION}) cannot be used, for {@code reason} (one of
     * the constants), as {@code message} says.
     */
    public ImageUnavailableException(String image, String reason, String message) {
        super(message);
        this.image = Objects.requireNonNull(image, "image");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The image, {@code NAME:VERSION}. */
    public String image() {
        return image;
    }

    /** Why, as a CamelCase word for a container's status: one of the constants of this class. */
    public String reason() {
        return reason;
    }
}
