package io.k4s.core.wire;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.HandleTimeoutException;
import io.k4s.api.K4sException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.PayloadNotEncodableException;
import io.k4s.api.RateLimitedException;
import io.k4s.api.RequestTimeoutException;
import io.k4s.api.WorkerFailedException;
import io.k4s.core.schema.JsonText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carry the typed failure of a request across JVMs: the receiving node encodes the exception its
 * container failed the request with, the sending node rebuilds one of the same type, with the
 * same target and fields, to fail the caller's future.
 *
 * <p>Rebuilt as their own types: {@link MailboxFullException} (and {@link RateLimitedException}),
 * {@link NoEndpointsException}, {@link ContainerTerminatedException},
 * {@link ContainerNotFoundException}, {@link WorkerFailedException} (its cause a
 * {@link RemoteCause} with the worker exception's class name and message),
 * {@link HandleTimeoutException}, {@link RequestTimeoutException} and
 * {@link PayloadNotEncodableException} (a reply that could not be encoded). Any other failure
 * arrives as a {@link K4sException} with the original message, prefixed with its class name when
 * it was not a {@code K4sException}. Stateless; any thread.
 */
public final class Failures {

    private Failures() {}

    /** {@code failure} (of a request to {@code target}) as bytes for the wire. */
    public static byte[] encode(Throwable failure) {
        Map<String, Object> f = new LinkedHashMap<>();
        switch (failure) {
            case RateLimitedException e -> fields(f, "RateLimited", e.container()).put("capacity", e.capacity())
                    .put("maxHandleRate", e.maxHandleRate());
            case MailboxFullException e -> fields(f, "MailboxFull", e.container()).put("capacity", e.capacity())
                    .put("waitedMillis", e.waited().toMillis());
            case NoEndpointsException e -> fields(f, "NoEndpoints", e.service())
                    .put("unknown", e.getMessage().contains("no such service"));
            case ContainerTerminatedException e -> fields(f, "ContainerTerminated", e.container())
                    .put("reason", e.reason());
            case ContainerNotFoundException e -> fields(f, "ContainerNotFound", e.container());
            case WorkerFailedException e -> fields(f, "WorkerFailed", e.container())
                    .put("causeType", e.getCause() == null ? null : causeType(e.getCause()))
                    .put("causeMessage", e.getCause() == null ? null : e.getCause().getMessage());
            case HandleTimeoutException e -> fields(f, "HandleTimeout", e.container())
                    .put("timeoutMillis", e.timeout().toMillis());
            case RequestTimeoutException e -> fields(f, "RequestTimeout", e.target())
                    .put("waitedMillis", e.waited().toMillis());
            case PayloadNotEncodableException e -> fields(f, "PayloadNotEncodable", e.target())
                    .put("payloadType", e.payloadType()).put("problem", e.problem());
            case K4sException e -> f.put("message", e.getMessage());
            default -> f.put("message", failure.getClass().getName() + ": " + failure.getMessage());
        }
        return JsonText.write(f).getBytes(StandardCharsets.UTF_8);
    }

    private static String causeType(Throwable cause) {
        return cause instanceof RemoteCause r ? r.type() : cause.getClass().getName();
    }

    /** A fluent put, for the switch above. */
    private record Fields(Map<String, Object> map) {
        Fields put(String key, Object value) {
            map.put(key, value);
            return this;
        }
    }

    private static Fields fields(Map<String, Object> f, String type, Address target) {
        f.put("type", type);
        f.put("target", target == null ? null : target.toString());
        return new Fields(f);
    }

    /**
     * The failure {@link #encode} wrote, rebuilt; {@code target} names the request's target when
     * the bytes cannot be read.
     */
    public static K4sException decode(byte[] bytes, Address target) {
        Map<?, ?> f;
        try {
            f = (Map<?, ?>) JsonText.read(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new K4sException(target + ": the other node failed the request, and its failure could not be"
                    + " read: " + e.getMessage(), e);
        }
        Object type = f.get("type");
        if (type == null) {
            return new K4sException(String.valueOf(f.get("message")));
        }
        Address at = f.get("target") instanceof String s ? Address.parse(s) : target;
        return switch (type.toString()) {
            case "RateLimited" -> new RateLimitedException(at, num(f, "capacity").intValue(),
                    num(f, "maxHandleRate").doubleValue());
            case "MailboxFull" -> new MailboxFullException(at, num(f, "capacity").intValue(),
                    Duration.ofMillis(num(f, "waitedMillis").longValue()));
            case "NoEndpoints" -> Boolean.TRUE.equals(f.get("unknown")) ? NoEndpointsException.unknownService(at)
                    : new NoEndpointsException(at);
            case "ContainerTerminated" -> new ContainerTerminatedException(at, String.valueOf(f.get("reason")));
            case "ContainerNotFound" -> new ContainerNotFoundException(at);
            case "WorkerFailed" -> new WorkerFailedException(at, f.get("causeType") == null ? null
                    : new RemoteCause(f.get("causeType").toString(), (String) f.get("causeMessage")));
            case "HandleTimeout" -> new HandleTimeoutException(at, Duration.ofMillis(num(f, "timeoutMillis").longValue()));
            case "RequestTimeout" -> new RequestTimeoutException(at, Duration.ofMillis(num(f, "waitedMillis").longValue()));
            case "PayloadNotEncodable" -> new PayloadNotEncodableException(at, String.valueOf(f.get("payloadType")),
                    String.valueOf(f.get("problem")));
            default -> new K4sException(at + ": the other node failed the request with " + type);
        };
    }

    private static Number num(Map<?, ?> f, String key) {
        return f.get(key) instanceof Number n ? n : 0;
    }
}
