package io.k4s.server.internal.metrics;

import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Answer {@code GET /metrics} with every metric in Prometheus' text format. */
public final class MetricsHandler extends ExchangeHandler {

    private final ServerMetrics metrics;

    /** Serve {@code metrics}. */
    public MetricsHandler(ServerMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void serve(Exchange exchange) {
        if (!exchange.method().equals("GET")) {
            throw ApiError.methodNotAllowed(exchange.method(), exchange.path());
        }
        exchange.respond(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
