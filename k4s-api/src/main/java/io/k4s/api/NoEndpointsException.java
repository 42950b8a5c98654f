package io.k4s.api;

/**
 * Report that a service has no ready endpoint to route a message to.
 *
 * <p>What to do: check that the service's selector matches containers ({@code describe
 * service/NAME}) and that they are ready; retry once they are.
 */
public class NoEndpointsException extends K4sException {

    private final Address service;

    /** The given service has no ready endpoint. */
    public NoEndpointsException(Address service) {
        super(service + ": no ready endpoints (no ready container matches the service's selector)");
        this.service = service;
    }

    /** The service that had no endpoint. */
    public Address service() {
        return service;
    }
}
