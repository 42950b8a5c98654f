package io.k4s.server.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fail a request with a Kubernetes {@code Status} body: an HTTP code, Kubernetes' reason (such
 * as {@code NotFound}, {@code AlreadyExists}, {@code Invalid}), a message for people and the
 * details clients read (name, group, kind, the causes of an {@code Invalid}).
 *
 * <p>Thrown by any handler; the outermost handler writes it ({@link #toStatus()}). Immutable.
 */
public final class ApiError extends RuntimeException {

    /**
     * One cause of an error, as Kubernetes' {@code StatusCause}.
     *
     * @param reason  a machine word such as {@code FieldValueInvalid}
     * @param message what is wrong
     * @param field   the field path, such as {@code spec.replicas}; empty for the whole object
     */
    public record Cause(String reason, String message, String field) {

        /** Requires every part; null becomes empty. */
        public Cause {
            reason = reason == null ? "" : reason;
            message = Objects.requireNonNull(message, "message");
            field = field == null ? "" : field;
        }
    }

    private final int code;
    private final String reason;
    private final String name;
    private final String group;
    private final String kind;
    private final List<Cause> causes;
    private final Integer retryAfterSeconds;

    private ApiError(int code, String reason, String message, String name, String group, String kind,
                     List<Cause> causes, Integer retryAfterSeconds, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.group = group;
        this.kind = kind;
        this.causes = List.copyOf(causes);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** An error with this code, reason and message, without details. */
    public static ApiError of(int code, String reason, String message) {
        return new ApiError(code, reason, message, null, null, null, List.of(), null, null);
    }

    /** 400 BadRequest. */
    public static ApiError badRequest(String message) {
        return of(400, "BadRequest", message);
    }

    /** 404 NotFound for an object, as {@code deployments.k4s.io "web" not found}. */
    public static ApiError notFound(String resource, String group, String kind, String name) {
        return new ApiError(404, "NotFound", qualified(resource, group) + " \"" + name + "\" not found", name, group,
                resource, List.of(), null, null);
    }

    /**
     * 403 Forbidden for a write admission refused, as {@code replicasets.k4s.io "web" is forbidden:
     * exceeded quota ...}.
     */
    public static ApiError forbidden(String resource, String group, String name, String reason) {
        return new ApiError(403, "Forbidden", qualified(resource, group) + " \"" + name + "\" is forbidden: " + reason,
                name, group, resource, List.of(), null, null);
    }

    /** 404 NotFound for a path nothing serves. */
    public static ApiError noSuchPath(String path) {
        return of(404, "NotFound", "the server could not find the requested resource (" + path + ")");
    }

    /** 405 MethodNotAllowed. */
    public static ApiError methodNotAllowed(String method, String what) {
        return of(405, "MethodNotAllowed", "the server does not allow this method on the requested resource: "
                + method + " " + what);
    }

    /** 409 AlreadyExists. */
    public static ApiError alreadyExists(String resource, String group, String name) {
        return new ApiError(409, "AlreadyExists", qualified(resource, group) + " \"" + name + "\" already exists",
                name, group, resource, List.of(), null, null);
    }

    /** 409 Conflict, as Kubernetes words a stale resourceVersion. */
    public static ApiError conflict(String resource, String group, String name, String problem) {
        return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + qualified(resource, group) + " \""
                + name + "\": " + problem, name, group, resource, List.of(), null, null);
    }

    /** 422 Invalid, naming every field in the message and as causes. */
    public static ApiError invalid(String kind, String group, String name, List<Cause> causes) {
        StringBuilder message = new StringBuilder(qualified(kind, group)).append(" \"").append(name)
                .append("\" is invalid: ");
        List<String> parts = new ArrayList<>();
        for (Cause c : causes) {
            parts.add(c.field().isEmpty() ? c.message() : c.field() + ": " + c.message());
        }
        message.append(parts.size() == 1 ? parts.getFirst() : "[" + String.join(", ", parts) + "]");
        return new ApiError(422, "Invalid", message.toString(), name, group, kind, causes, null, null);
    }

    /** 410 Expired (Kubernetes' {@code Gone}): a watch or list from a revision no longer remembered. */
    public static ApiError expired(String message) {
        return of(410, "Expired", message);
    }

    /** 413 RequestEntityTooLarge. */
    public static ApiError tooLarge(String message) {
        return of(413, "RequestEntityTooLarge", message);
    }

    /** 415 UnsupportedMediaType. */
    public static ApiError unsupportedMediaType(String message) {
        return of(415, "UnsupportedMediaType", message);
    }

    /** 500 InternalError: a failure the server did not expect; the message is safe to show. */
    public static ApiError internal(String message, Throwable cause) {
        return new ApiError(500, "InternalError", message, null, null, null, List.of(), null, cause);
    }

    /** A copy that tells the client to retry after {@code seconds}. */
    public ApiError retryAfter(int seconds) {
        return new ApiError(code, reason, getMessage(), name, group, kind, causes, seconds, getCause());
    }

    /** The HTTP status code. */
    public int code() {
        return code;
    }

    /** Kubernetes' reason, such as {@code NotFound}. */
    public String reason() {
        return reason;
    }

    /** The seconds a client should wait before retrying, or {@code null}. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The causes (for {@code Invalid}). */
    public List<Cause> causes() {
        return causes;
    }

    /** The {@code Status} object in the generic form. */
    public Map<String, Object> toStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        Map<String, Object> details = new LinkedHashMap<>();
        putIfSet(details, "name", name);
        putIfSet(details, "group", group);
        putIfSet(details, "kind", kind);
        if (!causes.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (Cause c : causes) {
                Map<String, Object> cause = new LinkedHashMap<>();
                cause.put("reason", c.reason());
                cause.put("message", c.message());
                cause.put("field", c.field());
                list.add(cause);
            }
            details.put("causes", list);
        }
        if (retryAfterSeconds != null) {
            details.put("retryAfterSeconds", retryAfterSeconds);
        }
        if (!details.isEmpty()) {
            status.put("details", details);
        }
        status.put("code", code);
        return status;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static String qualified(String resource, String group) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }
}
