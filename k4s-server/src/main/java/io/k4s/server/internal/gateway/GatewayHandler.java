package io.k4s.server.internal.gateway;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.HandleTimeoutException;
import io.k4s.api.K4sException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.Messenger;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.Params;
import io.k4s.api.RequestTimeoutException;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.Kinds;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import io.k4s.server.internal.http.RequestInfo;
import io.k4s.server.internal.metrics.ServerMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Let callers outside the JVM reach workers: {@code POST .../namespaces/NS/services/NAME/request}
 * (or {@code containers/NAME/request}) sends the JSON body as the payload and answers {@code 200}
 * with the worker's reply as JSON; {@code .../send} answers {@code 202} once the message is in a
 * mailbox. {@code ?timeout=2s} bounds a request (the cluster's default otherwise, at most
 * {@value #MAX_TIMEOUT_SECONDS} s).
 *
 * <p>Failures are {@code Status} bodies: the Service or Container does not exist 404, no ready
 * endpoint (or the container is not running) 503, mailbox full or over its rate limit 429 (both
 * with Retry-After), no reply in time or a handle past its handleTimeout 504, the worker threw
 * 502, a reply that is not JSON-writable 502. Each outcome is counted in {@link ServerMetrics}.
 * Runs on the request's virtual thread, which waits for the reply.
 */
public final class GatewayHandler extends ExchangeHandler {

    static final long MAX_TIMEOUT_SECONDS = 300;

    private final Messenger messenger;
    private final ResourceClient resources;
    private final Duration defaultTimeout;
    private final ServerMetrics metrics;

    /** A gateway to {@code messenger}'s targets that exist in {@code resources}. */
    public GatewayHandler(Messenger messenger, ResourceClient resources, Duration defaultTimeout,
                          ServerMetrics metrics) {
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void serve(Exchange exchange) throws InterruptedException {
        RequestInfo info = exchange.info();
        if (!exchange.method().equals("POST")) {
            throw ApiError.methodNotAllowed(exchange.method(), exchange.path() + " (use POST)");
        }
        if (!info.apiGroup().equals("k4s.io") || info.namespace().isEmpty()) {
            throw ApiError.noSuchPath(exchange.path());
        }
        Class<? extends Resource> type = switch (info.resource()) {
            case "services" -> Kinds.SERVICE.type();
            case "containers" -> Kinds.CONTAINER.type();
            default -> throw ApiError.noSuchPath(exchange.path());
        };
        Address target = type == Kinds.SERVICE.type() ? Address.service(info.namespace(), info.name())
                : Address.container(info.namespace(), info.name());
        long started = System.nanoTime();
        String operation = info.subresource();
        String outcome = "ok";
        try {
            if (resources.get(type, info.namespace(), info.name()).isEmpty()) {
                throw ApiError.notFound(info.resource(), info.apiGroup(), info.resource().equals("services") ? "Service" : "Container", info.name());
            }
            Object payload = exchange.readJson();
            if (operation.equals("send")) {
                messenger.send(target, payload);
                exchange.respondJson(202, accepted(target));
            } else {
                Object reply = messenger.request(target, payload, timeout(exchange)).get();
                exchange.respond(200, "application/json", Payloads.reply(reply));
            }
        } catch (ExecutionException | CompletionException e) {
            ApiError error = translate(target, e.getCause() == null ? e : e.getCause());
            outcome = outcome(error);
            throw error;
        } catch (K4sException | IllegalArgumentException e) {
            ApiError error = translate(target, e);
            outcome = outcome(error);
            throw error;
        } catch (ApiError e) {
            outcome = outcome(e);
            throw e;
        } finally {
            metrics.gateway(target, operation, outcome, System.nanoTime() - started);
        }
    }

    private Duration timeout(Exchange exchange) {
        String text = exchange.query("timeout");
        if (text == null || text.isEmpty()) {
            return defaultTimeout;
        }
        Duration d = Params.parseDuration(text);
        if (d == null || d.isZero() || d.isNegative() || d.toSeconds() > MAX_TIMEOUT_SECONDS) {
            throw ApiError.badRequest("invalid timeout \"" + text + "\": expected a positive duration such as 500ms"
                    + " or 2s, at most " + MAX_TIMEOUT_SECONDS + "s");
        }
        return d;
    }

    private static Map<String, Object> accepted(Address target) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Success");
        status.put("message", "the message was put into a mailbox of " + target);
        status.put("code", 202);
        return status;
    }

    private static ApiError translate(Address target, Throwable e) {
        return switch (e) {
            case NoEndpointsException n -> ApiError.of(503, "ServiceUnavailable", n.getMessage()).retryAfter(1);
            case ContainerNotFoundException c -> ApiError.of(503, "ServiceUnavailable", c.getMessage()).retryAfter(1);
            case ContainerTerminatedException c -> ApiError.of(503, "ServiceUnavailable", c.getMessage())
                    .retryAfter(1);
            case MailboxFullException m -> ApiError.of(429, "TooManyRequests", m.getMessage()).retryAfter(1);
            case RequestTimeoutException t -> ApiError.of(504, "Timeout", t.getMessage());
            case HandleTimeoutException h -> ApiError.of(504, "Timeout", h.getMessage());
            case WorkerFailedException w -> ApiError.of(502, "WorkerFailed", w.getMessage());
            case IllegalArgumentException i when i.getMessage() != null && i.getMessage().startsWith("the reply") ->
                    ApiError.of(502, "BadReply", target + ": " + i.getMessage());
            case IllegalArgumentException i -> ApiError.badRequest(target + ": " + i.getMessage());
            case K4sException k -> ApiError.of(503, "ServiceUnavailable", k.getMessage());
            default -> ApiError.internal(target + ": " + e, e);
        };
    }

    private static String outcome(ApiError e) {
        return switch (e.code()) {
            case 404 -> "not_found";
            case 503 -> "unavailable";
            case 429 -> "mailbox_full";
            case 504 -> "timeout";
            case 502 -> e.reason().equals("WorkerFailed") ? "worker_failed" : "bad_reply";
            case 400, 413 -> "bad_request";
            default -> "error";
        };
    }
}
