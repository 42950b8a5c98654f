package io.k4s.api;

import java.util.Objects;

/**
 * Report that a worker could not use a payload because its class was loaded by another image:
 * two images each load their own copy of a class, and a copy from one is not the class of the
 * other, even with the same name (a {@link ClassCastException} between two class loaders).
 *
 * <p>What to do: exchange JDK types (strings, numbers, lists, maps), records from an api jar on
 * the application class path (shared by every image), or encode the payload (JSON, bytes). The
 * {@linkplain #getCause() cause} is the original {@code ClassCastException}.
 */
public class IncompatiblePayloadException extends K4sException {

    private final String payloadClass;
    private final String payloadImage;
    private final String workerImage;

    /**
     * A payload of class {@code payloadClass} from {@code payloadImage} reached a worker of
     * {@code workerImage} (each an image {@code NAME:VERSION}, or {@code the class path}), which
     * failed with {@code cause}.
     */
    public IncompatiblePayloadException(Address container, String payloadClass, String payloadImage,
                                        String workerImage, ClassCastException cause) {
        super(container + ": the payload's class " + payloadClass + " was loaded by " + payloadImage
                + ", and the worker of " + workerImage + " cannot use it: each image has its own copy of its classes."
                + " Send JDK types (String, Map, List, numbers), records from an api jar on the application class"
                + " path, or an encoded form (JSON, bytes) between images (" + cause.getMessage() + ")", cause);
        this.payloadClass = Objects.requireNonNull(payloadClass, "payloadClass");
        this.payloadImage = Objects.requireNonNull(payloadImage, "payloadImage");
        this.workerImage = Objects.requireNonNull(workerImage, "workerImage");
    }

    /** The payload's class name. */
    public String payloadClass() {
        return payloadClass;
    }

    /** Where the payload's class was loaded: an image {@code NAME:VERSION}, or {@code the class path}. */
    public String payloadImage() {
        return payloadImage;
    }

    /** Where the failing worker was loaded: an image {@code NAME:VERSION}, or {@code the class path}. */
    public String workerImage() {
        return workerImage;
    }
}
