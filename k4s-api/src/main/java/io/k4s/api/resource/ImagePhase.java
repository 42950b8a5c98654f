package io.k4s.api.resource;

/** Say whether containers can start from an image. */
public enum ImagePhase {
    /** Seen, not loaded yet. */
    PENDING("Pending"),
    /** Loaded: containers naming it start. */
    AVAILABLE("Available"),
    /** It could not be loaded (see problems): containers naming it stay Pending until it is replaced. */
    BROKEN("Broken"),
    /**
     * Its jar or folder was removed while containers used it: they keep running on it, none
     * starts from it, and it is unloaded when the last one stops.
     */
    REMOVED("Removed");

    private final String text;

    ImagePhase(String text) {
        this.text = text;
    }

    /** The spelling used in status and output, for example {@code Available}. */
    public String text() {
        return text;
    }
}
