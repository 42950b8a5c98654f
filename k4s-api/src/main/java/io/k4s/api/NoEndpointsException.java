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
        this(service, "no ready endpoints (no ready container matches the service's selector)");
    }

    private NoEndpointsException(Address service, String problem) {
        super(service + ": " + problem);
        this.service = service;
    }

    /** No Service of that name exists (as far as the router knows), so it has no endpoints. */
    public static NoEndpointsException unknownService(Address service) {
        return new NoEndpointsException(service, "no ready endpoints: no such service (check the name"
                + " with get svc; a Service applied a moment ago may not be routed to yet)");
    }

    /** The service that had no endpoint. */
    public Address service() {
        return service;
    }
}
