package io.k4s.api;

/**
 * Report that a message was addressed to a container that is not running.
 *
 * <p>What to do: check the name with {@code get containers}; to reach any replica, send to a
 * service instead.
 */
public class ContainerNotFoundException extends K4sException {

    private final Address container;

    /** No running container answers to {@code container}. */
    public ContainerNotFoundException(Address container) {
        super(container + ": no such container is running");
        this.container = container;
    }

    /** The address that named no running container. */
    public Address container() {
        return container;
    }
}
