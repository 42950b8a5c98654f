package io.k4s.core.registry;

/**
 * A class on the test class path that an image bundles its own copy of (same name), to show that
 * an image's classes come first.
 */
public final class Shadowed {

    private Shadowed() {}

    /** Which copy answers. */
    public static String who() {
        return "the class path";
    }
}
