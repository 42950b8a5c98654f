package io.k4s.api.resource;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Name one version of a worker image: {@code NAME:VERSION} in a container spec's {@code image},
 * the jar {@code NAME-VERSION.jar} or the folder of jars {@code NAME-VERSION/} in a plugins
 * folder, and the Image resource {@code NAME-version} (the version in lower case, as resource
 * names are).
 *
 * <p>The version starts at the first {@code -} followed by a digit, so a name has no such
 * part: {@code greeter-worker-1.0.0-SNAPSHOT.jar} is {@code greeter-worker:1.0.0-SNAPSHOT}.
 *
 * @param name    lower-case letters, digits and {@code .}, in parts joined by {@code -}; every
 *                part after the first starts with a letter; at most {@value #MAX_PART_LENGTH}
 *                characters
 * @param version starts with a digit, then letters, digits, {@code .}, {@code _} and {@code -},
 *                ending with a letter or digit, such as {@code 2.0} or {@code 1.0.0-SNAPSHOT};
 *                at most {@value #MAX_PART_LENGTH} characters
 */
public record ImageRef(String name, String version) {

    /** The longest name, and the longest version. */
    public static final int MAX_PART_LENGTH = 100;

    private static final String NAME = "[a-z0-9](?:[a-z0-9.]*[a-z0-9])?(?:-[a-z](?:[a-z0-9.]*[a-z0-9])?)*";
    private static final String VERSION = "[0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);
    private static final Pattern VERSION_PATTERN = Pattern.compile(VERSION);
    private static final Pattern FILE = Pattern.compile("(" + NAME + ")-(" + VERSION + ")(\\.jar)?");

    /**
     * Validates both parts.
     *
     * @throws IllegalArgumentException saying which part is wrong and how to write it
     */
    public ImageRef {
        String problem = problem(name, version);
        if (problem != null) {
            throw new IllegalArgumentException("image " + name + ":" + version + " " + problem);
        }
    }

    /**
     * Read {@code NAME:VERSION}.
     *
     * @throws IllegalArgumentException if it is not a valid reference, saying why
     */
    public static ImageRef parse(String reference) {
        String problem = problem(reference);
        if (problem != null) {
            throw new IllegalArgumentException("image \"" + reference + "\" " + problem);
        }
        int colon = reference.indexOf(':');
        return new ImageRef(reference.substring(0, colon), reference.substring(colon + 1));
    }

    /**
     * Say what is wrong with a reference {@code NAME:VERSION}, or return {@code null} if it is
     * valid; the text completes a sentence that starts with the reference.
     */
    public static String problem(String reference) {
        if (reference == null || reference.isBlank()) {
            return "is empty: name an image as NAME:VERSION, such as greeter:1.0";
        }
        int colon = reference.indexOf(':');
        if (colon < 0) {
            return "has no version: name an image as NAME:VERSION, such as greeter:1.0 (for the file"
                    + " greeter-1.0.jar or the folder greeter-1.0/ in the plugins folder)";
        }
        if (reference.indexOf(':', colon + 1) >= 0) {
            return "has more than one ':': name an image as NAME:VERSION, such as greeter:1.0";
        }
        return problem(reference.substring(0, colon), reference.substring(colon + 1));
    }

    private static String problem(String name, String version) {
        String problem = nameProblem(name);
        return problem != null ? problem : versionProblem(version);
    }

    /**
     * Say what is wrong with an image's name, or return {@code null} if it is valid; the text
     * completes a sentence that starts with the reference.
     */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "has no name: name an image as NAME:VERSION, such as greeter:1.0";
        }
        if (name.length() > MAX_PART_LENGTH || !NAME_PATTERN.matcher(name).matches()) {
            return "has an invalid name \"" + name + "\": use lower-case letters, digits and '.', in parts joined by"
                    + " '-' (no part after the first may start with a digit: that starts the version), at most "
                    + MAX_PART_LENGTH + " characters";
        }
        return null;
    }

    /**
     * Say what is wrong with an image's version, or return {@code null} if it is valid; the text
     * completes a sentence that starts with the reference.
     */
    public static String versionProblem(String version) {
        if (version == null || version.isEmpty()) {
            return "has no version: name an image as NAME:VERSION, such as greeter:1.0";
        }
        if (version.length() > MAX_PART_LENGTH || !VERSION_PATTERN.matcher(version).matches()) {
            return "has an invalid version \"" + version + "\": start it with a digit, then use letters, digits,"
                    + " '.', '_' and '-' (such as 2.0 or 1.0.0-SNAPSHOT), at most " + MAX_PART_LENGTH + " characters";
        }
        return null;
    }

    /**
     * The image a file or folder of a plugins folder holds: {@code greeter-2.0.jar} (a jar) or
     * {@code greeter-2.0} (a folder of jars) is {@code greeter:2.0}; empty for any other name.
     */
    public static Optional<ImageRef> fromFileName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        Matcher m = FILE.matcher(fileName);
        if (!m.matches() || m.group(1).length() > MAX_PART_LENGTH || m.group(2).length() > MAX_PART_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new ImageRef(m.group(1), m.group(2)));
    }

    /** The jar that holds this image: {@code NAME-VERSION.jar}. */
    public String jarName() {
        return name + "-" + version + ".jar";
    }

    /** The folder of jars that holds this image: {@code NAME-VERSION}. */
    public String folderName() {
        return name + "-" + version;
    }

    /** The name of its Image resource: {@code NAME-VERSION} with the version in lower case. */
    public String resourceName() {
        return name + "-" + version.toLowerCase(Locale.ROOT);
    }

    /** {@code NAME:VERSION}, as a container spec names it. */
    @Override
    public String toString() {
        return name + ":" + version;
    }
}
