package io.k4s.api.resource;

/**
 * Say which image an Image resource reports.
 *
 * @param name    the image's name, as in {@code image: NAME:VERSION}
 * @param version its version
 */
public record ImageSpec(String name, String version) {

    /**
     * Validates both parts as {@link ImageRef} does.
     *
     * @throws IllegalArgumentException if either is invalid
     */
    public ImageSpec {
        new ImageRef(name, version);
    }

    /** The reference {@code NAME:VERSION} a container spec uses. */
    public ImageRef reference() {
        return new ImageRef(name, version);
    }
}
