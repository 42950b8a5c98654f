package io.k4s.core.registry;

import io.k4s.api.Address;
import io.k4s.api.IncompatiblePayloadException;

/**
 * Tell which image a payload's class came from, and turn a {@link ClassCastException} between
 * two images' copies of a class into an {@link IncompatiblePayloadException} that names both.
 *
 * <p>Stateless; any thread.
 */
final class PayloadOrigins {

    static final String CLASS_PATH = "the class path";

    private PayloadOrigins() {}

    /** Where classes of {@code loader} come from: {@code image NAME:VERSION}, or {@link #CLASS_PATH}. */
    static String origin(ClassLoader loader) {
        return loader instanceof ImageClassLoader image ? "image " + image.image() : CLASS_PATH;
    }

    /**
     * {@code thrown}, or an {@link IncompatiblePayloadException} if it is a
     * {@code ClassCastException} about the payload's class and the payload and the worker come
     * from different loaders, one of them an image's. Cheap: it looks only at a cast that failed.
     */
    static Throwable explain(Throwable thrown, Object payload, ClassLoader worker, Address container) {
        if (!(thrown instanceof ClassCastException cast) || payload == null) {
            return thrown;
        }
        Class<?> type = payload.getClass();
        ClassLoader loader = type.getClassLoader();
        boolean acrossImages = loader != worker && (loader instanceof ImageClassLoader || worker instanceof ImageClassLoader);
        String message = cast.getMessage();
        if (!acrossImages || message == null || !message.contains(type.getName())) {
            return thrown;
        }
        return new IncompatiblePayloadException(container, type.getName(), origin(loader), origin(worker), cast);
    }
}
