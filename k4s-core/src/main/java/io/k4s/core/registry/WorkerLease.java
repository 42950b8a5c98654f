package io.k4s.core.registry;

import io.k4s.api.Address;
import io.k4s.api.Worker;

/**
 * Make workers of one type for one container, from the class path and the shared plugins or
 * from an image, for as long as the container lives: an image stays loaded while a lease on it
 * is held, even if its jar is removed, and is unloaded once the last lease is released.
 *
 * <p>Thread-safe. The runtime takes a lease when it starts a container and releases it when the
 * container has ended for good.
 */
public interface WorkerLease {

    /** The worker type. */
    WorkerTypeInfo type();

    /**
     * Create a new worker of the type through its provider.
     *
     * @throws io.k4s.api.K4sException if the constructor fails; the cause is attached
     */
    Worker newWorker();

    /**
     * The class loader to make the worker's thread's context class loader (so that libraries that
     * look classes up through it, as {@link java.util.ServiceLoader#load(Class)} does, find the
     * image's), or {@code null} to leave the thread's as it is.
     */
    ClassLoader contextClassLoader();

    /** Where the worker's classes come from: {@code image NAME:VERSION}, or {@code the class path}. */
    String origin();

    /**
     * Say what a failure of {@code container}'s worker on {@code payload} means: a
     * {@link ClassCastException} over a payload whose class another image (or the class path)
     * loaded becomes an {@link io.k4s.api.IncompatiblePayloadException} naming both; anything
     * else is returned as it is.
     */
    Throwable explain(Throwable thrown, Object payload, Address container);

    /** Let go of the image, if any; idempotent. */
    void release();
}
