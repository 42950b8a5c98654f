package io.k4s.server.internal.api;

import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import io.k4s.server.internal.http.RequestInfo;
import java.util.Objects;

/**
 * Send each request under {@code /api} and {@code /apis} to the handler of its concern, by what
 * its path asks for: discovery (no resource named), access reviews ({@code authorization.k8s.io}),
 * the gateway (the {@code request} and {@code send} subresources), a container as a pod and its
 * log (the core group's {@code pods/NAME} and {@code pods/NAME/log}, what kubectl's {@code logs}
 * asks) or the resources themselves.
 */
public final class ApiRouter extends ExchangeHandler {

    private final ExchangeHandler discovery;
    private final ExchangeHandler reviews;
    private final ExchangeHandler gateway;
    private final ExchangeHandler resources;
    private final ExchangeHandler pods;

    /** Route to these handlers. */
    public ApiRouter(ExchangeHandler discovery, ExchangeHandler reviews, ExchangeHandler gateway,
                     ExchangeHandler resources, ExchangeHandler pods) {
        this.pods = Objects.requireNonNull(pods, "pods");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    public void serve(Exchange exchange) throws Exception {
        RequestInfo info = exchange.info();
        if (!info.resourceRequest()) {
            discovery.serve(exchange);
        } else if (info.apiGroup().equals(ApiCatalog.AUTHORIZATION_GROUP)) {
            reviews.serve(exchange);
        } else if (info.apiGroup().isEmpty() && info.resource().equals("pods") && !info.name().isEmpty()) {
            pods.serve(exchange);
        } else if (info.subresource().equals("request") || info.subresource().equals("send")) {
            gateway.serve(exchange);
        } else {
            resources.serve(exchange);
        }
    }
}
