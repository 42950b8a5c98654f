package io.k4s.server.internal.auth;

import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Answer {@code POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews}, which
 * {@code kubectl auth can-i} sends: whether the caller may do what the review's
 * {@code resourceAttributes} (or {@code nonResourceAttributes}) describe, decided by the same
 * {@link RbacAuthorizer} as real requests. Stateless.
 */
public final class AccessReviewHandler extends ExchangeHandler {

    private final RbacAuthorizer authorizer;

    /** Reviews decided by {@code authorizer}. */
    public AccessReviewHandler(RbacAuthorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    @Override
    public void serve(Exchange exchange) {
        if (!exchange.info().resource().equals("selfsubjectaccessreviews") || !exchange.info().name().isEmpty()) {
            throw ApiError.noSuchPath(exchange.path());
        }
        if (!exchange.method().equals("POST")) {
            throw ApiError.methodNotAllowed(exchange.method(), exchange.path() + " (create a review with POST)");
        }
        Object specValue = exchange.contentType().equals("application/vnd.kubernetes.protobuf")
                ? ProtobufReview.spec(exchange.readBytes()) : exchange.readJsonObject().get("spec");
        if (!(specValue instanceof Map<?, ?> spec)) {
            throw ApiError.badRequest("a SelfSubjectAccessReview needs a spec with resourceAttributes or"
                    + " nonResourceAttributes");
        }
        RbacAuthorizer.Attributes attributes;
        if (spec.get("resourceAttributes") instanceof Map<?, ?> r) {
            attributes = new RbacAuthorizer.Attributes(text(r, "verb"), true, text(r, "group"), text(r, "resource"),
                    text(r, "subresource"), text(r, "name"), text(r, "namespace"), "");
        } else if (spec.get("nonResourceAttributes") instanceof Map<?, ?> n) {
            attributes = new RbacAuthorizer.Attributes(text(n, "verb"), false, "", "", "", "", "", text(n, "path"));
        } else {
            throw ApiError.badRequest("a SelfSubjectAccessReview needs spec.resourceAttributes or"
                    + " spec.nonResourceAttributes");
        }
        if (attributes.verb().isEmpty()) {
            throw ApiError.badRequest("a SelfSubjectAccessReview needs a verb");
        }
        User user = exchange.user();
        RbacAuthorizer.Decision decision = authorizer.decide(user, attributes);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "SelfSubjectAccessReview");
        out.put("apiVersion", "authorization.k8s.io/v1");
        out.put("metadata", Map.of());
        out.put("spec", spec);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("allowed", decision.allowed());
        if (!decision.reason().isEmpty()) {
            status.put("reason", decision.reason());
        }
        out.put("status", status);
        exchange.respondJson(201, out);
    }

    private static String text(Map<?, ?> map, String key) {
        return map.get(key) instanceof String s ? s : "";
    }
}
