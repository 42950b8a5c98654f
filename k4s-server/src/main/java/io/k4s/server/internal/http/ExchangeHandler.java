package io.k4s.server.internal.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A handler of one concern (discovery, resources, the gateway, metrics) that works on the
 * request's {@link Exchange}: it responds, or throws an {@link ApiError} that the outermost
 * handler turns into a {@code Status}. Runs on the request's virtual thread and may block.
 */
public abstract class ExchangeHandler extends Handler.Abstract {

    @Override
    public final boolean handle(Request request, Response response, Callback callback) throws Exception {
        serve(Exchange.of(request));
        return true;
    }

    /**
     * Answer the request.
     *
     * @throws ApiError for a request that fails with a Kubernetes {@code Status}
     */
    public abstract void serve(Exchange exchange) throws Exception;
}
