package io.k4s.server.internal.auth;

import io.k4s.server.internal.api.ApiCatalog;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.RequestInfo;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Let a request through only if its user may make it: anyone may read {@code /livez},
 * {@code /readyz}, {@code /healthz} and {@code /version}; any authenticated user may read
 * discovery and OpenAPI and ask {@code SelfSubjectAccessReview}s (as Kubernetes'
 * {@code system:discovery} and {@code system:basic-user} roles allow); everything else is
 * decided by the {@link RbacAuthorizer}. Anonymous requests elsewhere are {@code 401}; refused
 * ones {@code 403 Forbidden}, naming the user, verb, resource and namespace.
 */
public final class AuthorizationHandler extends Handler.Wrapper {

    private static final List<String> PUBLIC = List.of("/livez", "/readyz", "/healthz", "/version");

    private final RbacAuthorizer authorizer;

    /** Guard {@code handler} with {@code authorizer}. */
    public AuthorizationHandler(Handler handler, RbacAuthorizer authorizer) {
        super(handler);
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Exchange exchange = Exchange.of(request);
        User user = exchange.user();
        String path = exchange.path().replaceAll("/+$", "");
        if (PUBLIC.contains(path) || path.startsWith("/livez/") || path.startsWith("/readyz/")) {
            return super.handle(request, response, callback);
        }
        if (!user.authenticated()) {
            throw AuthenticationHandler.unauthorized();
        }
        RequestInfo info = exchange.info();
        boolean discovery = !info.resourceRequest() && (path.equals("/api") || path.startsWith("/api/")
                || path.equals("/apis") || path.startsWith("/apis/") || path.startsWith("/openapi"));
        boolean review = info.resourceRequest() && info.apiGroup().equals(ApiCatalog.AUTHORIZATION_GROUP)
                && info.resource().equals("selfsubjectaccessreviews");
        if (!discovery && !review) {
            RbacAuthorizer.Attributes attributes = attributes(info);
            if (!authorizer.decide(user, attributes).allowed()) {
                throw ApiError.of(403, "Forbidden", RbacAuthorizer.refusal(user, attributes));
            }
        }
        return super.handle(request, response, callback);
    }

    /** The RBAC attributes of a request. */
    static RbacAuthorizer.Attributes attributes(RequestInfo info) {
        return new RbacAuthorizer.Attributes(info.verb(), info.resourceRequest(), info.apiGroup(), info.resource(),
                info.subresource(), info.name(), info.namespace(), info.path());
    }
}
