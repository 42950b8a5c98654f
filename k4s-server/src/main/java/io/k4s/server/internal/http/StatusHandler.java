package io.k4s.server.internal.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost handler: make the request's {@link Exchange}, run the handlers inside, and turn
 * whatever they throw into a Kubernetes {@code Status} body, so that no request ends with a stack
 * trace or a dropped connection. An {@link ApiError} is written as it is; anything else is a
 * {@code 500 InternalError} whose message names the exception, logged with its trace. A path no
 * handler takes is a {@code 404 NotFound}. A failure after a streamed response started ends the
 * stream.
 */
public final class StatusHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(StatusHandler.class);

    private final long maxBodyBytes;

    /** Wrap {@code handler}; request bodies are limited to {@code maxBodyBytes}. */
    public StatusHandler(Handler handler, long maxBodyBytes) {
        super(handler);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback, maxBodyBytes);
        try {
            if (!super.handle(request, response, callback)) {
                exchange.respondError(ApiError.noSuchPath(exchange.path()));
            }
        } catch (ApiError e) {
            fail(exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(exchange, ApiError.of(503, "ServiceUnavailable", "the server is shutting down"));
        } catch (Exception | Error e) {
            LOG.warn("{} {} failed", exchange.method(), exchange.path(), e);
            fail(exchange, ApiError.internal("the server failed to handle " + exchange.method() + " "
                    + exchange.path() + ": " + e, e));
        }
        return true;
    }

    private static void fail(Exchange exchange, ApiError error) {
        if (exchange.completed()) {
            return;
        }
        if (exchange.committed()) {
            exchange.finish(error);
        } else {
            exchange.respondError(error);
        }
    }
}
