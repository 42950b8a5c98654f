package io.k4s.server.internal.api;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Selector;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Map Kubernetes' list and watch options to the store: {@code labelSelector} (the store's
 * {@link Selector#parse}, which lists and watches filter by), {@code fieldSelector}
 * ({@code metadata.name} and {@code metadata.namespace}, with {@code =}, {@code ==} and
 * {@code !=}, checked here: neither ever changes for an object), {@code resourceVersion}. The one
 * place where query parameters become store arguments.
 */
final class StoreQueries {

    private StoreQueries() {}

    /**
     * What a list or watch selects.
     *
     * @param labels the label selector for the store, or {@code null} for all
     * @param fields the field selector, checked here
     */
    record Selection(Selector labels, Predicate<Resource> fields) {

        /** Whether {@code r} is selected by both selectors. */
        boolean matches(Resource r) {
            return (labels == null || labels.matches(r)) && fields.test(r);
        }
    }

    /**
     * The selectors of the request.
     *
     * @throws ApiError 400 naming the selector and what is wrong
     */
    static Selection selection(Exchange exchange) {
        return new Selection(labelSelector(exchange.query("labelSelector")), fieldSelector(exchange.query("fieldSelector")));
    }

    /**
     * A label selector in Kubernetes' syntax ({@code app=web,tier!=db,env in (a,b),!legacy}), or
     * {@code null} for none.
     *
     * @throws ApiError 400 naming where the selector is malformed
     */
    static Selector labelSelector(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Selector.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("unable to parse labelSelector \"" + text + "\": " + e.getMessage());
        }
    }

    /**
     * A field selector over {@code metadata.name} and {@code metadata.namespace}.
     *
     * @throws ApiError 400 for another field or syntax
     */
    static Predicate<Resource> fieldSelector(String text) {
        if (text == null || text.isBlank()) {
            return r -> true;
        }
        List<Predicate<Resource>> all = new ArrayList<>();
        for (String requirement : text.split(",")) {
            String r = requirement.strip();
            boolean negated = r.contains("!=");
            int op = negated ? r.indexOf("!=") : r.indexOf('=');
            if (op <= 0) {
                throw ApiError.badRequest("invalid fieldSelector \"" + text + "\": expected field=value, field==value"
                        + " or field!=value");
            }
            String field = r.substring(0, op).strip();
            int valueAt = negated ? op + 2 : r.startsWith("==", op) ? op + 2 : op + 1;
            String value = r.substring(valueAt).strip();
            Predicate<Resource> test = switch (field) {
                case "metadata.name" -> res -> value.equals(res.metadata().name());
                case "metadata.namespace" -> res -> value.equals(res.metadata().namespace());
                default -> throw ApiError.badRequest("field label not supported: " + field
                        + " (fieldSelector supports metadata.name and metadata.namespace)");
            };
            all.add(negated ? test.negate() : test);
        }
        return r -> all.stream().allMatch(p -> p.test(r));
    }

    /**
     * The {@code resourceVersion} parameter: {@code -1} when absent or empty, otherwise the
     * revision ({@code 0} means "any", as in Kubernetes).
     *
     * @throws ApiError 400 if it is not a non-negative integer
     */
    static long resourceVersion(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        try {
            long rv = Long.parseLong(text);
            if (rv < 0) {
                throw new NumberFormatException();
            }
            return rv;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid resourceVersion \"" + text + "\": expected a non-negative integer");
        }
    }

    /**
     * A positive integer parameter, or {@code fallback} when absent.
     *
     * @throws ApiError 400 if it is not a positive integer
     */
    static long positive(Exchange exchange, String name, long fallback) {
        String text = exchange.query(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid " + name + " \"" + text + "\": expected a non-negative integer");
        }
    }

    /** Whether the request asks for a dry run ({@code dryRun=All}). */
    static boolean dryRun(Exchange exchange) {
        String dryRun = exchange.query("dryRun");
        if (dryRun == null || dryRun.isEmpty()) {
            return false;
        }
        if (!dryRun.equals("All")) {
            throw ApiError.badRequest("invalid dryRun \"" + dryRun + "\": the only value is All");
        }
        return true;
    }
}
