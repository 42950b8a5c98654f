package io.k4s.server.internal.auth;

import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Say who each request comes from. Without a token file (a loopback server) every request is the
 * local user, who may do anything. With one, {@code Authorization: Bearer TOKEN} must name a
 * token of the file (otherwise {@code 401 Unauthorized}); a request without credentials is
 * anonymous, which {@link AuthorizationHandler} lets reach only the health and version paths.
 */
public final class AuthenticationHandler extends Handler.Wrapper {

    private final TokenFile tokens;

    /** Authenticate with {@code tokens}, or not at all if it is {@code null}. */
    public AuthenticationHandler(Handler handler, TokenFile tokens) {
        super(handler);
        this.tokens = tokens;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Exchange exchange = Exchange.of(request);
        exchange.user(authenticate(exchange.header("Authorization")));
        return super.handle(request, response, callback);
    }

    private User authenticate(String authorization) {
        if (tokens == null) {
            return User.LOCAL;
        }
        if (authorization == null || authorization.isBlank()) {
            return User.ANONYMOUS;
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw unauthorized();
        }
        return tokens.user(parts[1].strip()).orElseThrow(AuthenticationHandler::unauthorized);
    }

    /** 401, as Kubernetes words it. */
    static ApiError unauthorized() {
        return ApiError.of(401, "Unauthorized", "Unauthorized");
    }
}
