package io.k4s.api;

/**
 * Report that a service has no ready endpoint to route a message to.
 *
 * <p>What to do: check that the service's selector matches containers ({@code describe
 * service/NAME}) and that they are ready; retry once they are. A flow-control failure: made
 * without a stack trace, its message built on first use (see {@link K4sException}).
 */
public class NoEndpointsException extends K4sException {

    private static final String NO_READY = "no ready endpoints (no ready container matches the service's selector)";
    private static final String UNKNOWN = "no ready endpoints: no such service (check the name with get svc; a"
            + " Service applied a moment ago may not be routed to yet)";

    private final Address service;
    private final String problem;

    /** The given service has no ready endpoint. */
    public NoEndpointsException(Address service) {
        this(service, NO_READY);
    }

    private NoEndpointsException(Address service, String problem) {
        super(false);
        this.service = service;
        this.problem = problem;
    }

    /** No Service of that name exists (as far as the router knows), so it has no endpoints. */
    public static NoEndpointsException unknownService(Address service) {
        return new NoEndpointsException(service, UNKNOWN);
    }

    @Override
    protected String describe() {
        return service + ": " + problem;
    }

    /** The service that had no endpoint. */
    public Address service() {
        return service;
    }
}
