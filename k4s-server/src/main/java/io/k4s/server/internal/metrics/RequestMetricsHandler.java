package io.k4s.server.internal.metrics;

import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.RequestInfo;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Count every API request by verb, resource and status code, with its duration (up to the end of
 * its handler: for a watch, the whole stream). Runs inside the handler that writes errors, so
 * refused and failed requests are counted with their codes.
 */
public final class RequestMetricsHandler extends Handler.Wrapper {

    private final ServerMetrics metrics;

    /** Count the requests {@code handler} serves in {@code metrics}. */
    public RequestMetricsHandler(Handler handler, ServerMetrics metrics) {
        super(handler);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        Exchange exchange = Exchange.of(request);
        int code = 500;
        try {
            boolean handled = super.handle(request, response, callback);
            code = handled ? response.getStatus() : 404;
            return handled;
        } catch (ApiError e) {
            code = e.code();
            throw e;
        } finally {
            RequestInfo info = exchange.info();
            String resource = info.resourceRequest() ? info.resourceWithSubresource() : "";
            metrics.apiRequest(info.verb(), resource, code, System.nanoTime() - started);
        }
    }
}
