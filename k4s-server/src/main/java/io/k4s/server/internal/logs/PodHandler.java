package io.k4s.server.internal.logs;

import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.LogLine;
import io.k4s.core.kind.ResourceCodec;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import io.k4s.server.internal.http.RequestInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;

/**
 * Serve Containers as Kubernetes pods of one container, as far as kubectl's {@code logs} needs:
 * {@code GET /api/v1/namespaces/NS/pods/NAME} (a {@code v1 Pod} naming one container, {@code NAME},
 * whose image is the worker type, with its phase and readiness) and
 * {@code GET /api/v1/namespaces/NS/pods/NAME/log}: the Container's log lines as plain text, one per line
 * ({@code LEVEL text}), with Kubernetes' parameters {@code tailLines}, {@code timestamps} (an RFC
 * 3339 time first), {@code previous} (the run before the last restart) and {@code follow} (then
 * stream new lines until the client goes, the container ends or the server closes). A
 * {@code container} parameter, if given, must name the container itself (a k4s container is a
 * pod of one).
 *
 * <p>Runs on the request's virtual thread; a follow keeps it, waiting for lines with a timeout so
 * that it sees a closing server.
 */
public final class PodHandler extends ExchangeHandler {

    private static final long POLL_MILLIS = 200;

    private final ResourceClient resources;
    private final ContainerRuntime runtime;
    private final ResourceCodec codec;
    private volatile boolean closed;

    /**
     * Serve the Containers in {@code resources} and the logs {@code runtime} keeps of them;
     * {@code codec} writes the pods' metadata.
     */
    public PodHandler(ResourceClient resources, ContainerRuntime runtime, ResourceCodec codec) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public void serve(Exchange exchange) throws Exception {
        RequestInfo info = exchange.info();
        if (!exchange.method().equals("GET")) {
            throw ApiError.methodNotAllowed(exchange.method(), exchange.path() + " (use GET)");
        }
        ResourceKey key = ResourceKey.of(info.namespace(), info.name());
        // Not named here: Jetty's Handler.Container, which this class inherits, would shadow the type.
        var found = Pods.find(resources, key).orElseThrow(() -> ApiError.notFound("pods", "", "Pod", info.name()));
        if (info.subresource().isEmpty()) {
            exchange.respondJson(200, Pods.pod(found, codec));
            return;
        }
        if (!info.subresource().equals("log")) {
            throw ApiError.noSuchPath(exchange.path());
        }
        String container = exchange.query("container");
        if (container != null && !container.isEmpty() && !container.equals(info.name())) {
            throw ApiError.badRequest("container " + container + " is not valid for pod " + info.name()
                    + ": a k4s container is a pod of one, named " + info.name());
        }
        boolean previous = exchange.flag("previous");
        boolean follow = exchange.flag("follow");
        boolean timestamps = exchange.flag("timestamps");
        Long tail = tailLines(exchange.query("tailLines"));
        LinkedBlockingQueue<LogLine> later = new LinkedBlockingQueue<>();
        Optional<AutoCloseable> following = follow && !previous ? runtime.followLogs(key, later::add)
                : Optional.empty();
        List<LogLine> kept = runtime.logs(key, previous).orElseThrow(() -> ApiError.badRequest(
                "container " + info.name() + " in pod " + info.name() + " is not running"));
        if (previous && kept.isEmpty()) {
            throw ApiError.badRequest("previous terminated container " + info.name() + " in pod " + info.name()
                    + " not found");
        }
        int from = tail == null ? 0 : (int) Math.max(0, kept.size() - Math.min(tail, kept.size()));
        StringBuilder text = new StringBuilder();
        for (LogLine line : kept.subList(from, kept.size())) {
            text.append(line.format(timestamps)).append('\n');
        }
        if (following.isEmpty()) {
            exchange.respond(200, "text/plain", text.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (AutoCloseable handle = following.get()) {
            stream(exchange, key, text.toString(), new HashSet<>(kept), later, timestamps);
        }
    }

    private void stream(Exchange exchange, ResourceKey key, String first, Set<LogLine> printed,
                        LinkedBlockingQueue<LogLine> later, boolean timestamps) throws InterruptedException {
        EndPoint endPoint = exchange.request().getConnectionMetaData().getConnection().getEndPoint();
        long idleTimeout = endPoint.getIdleTimeout();
        endPoint.setIdleTimeout(0); // a quiet log is not an idle client
        Optional<ContainerState> followed = runtime.state(key);
        exchange.startStream(200, "text/plain");
        try {
            exchange.commit();
            if (!first.isEmpty()) {
                exchange.writeChunk(first.getBytes(StandardCharsets.UTF_8));
            }
            while (!closed) {
                LogLine line = later.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (!sameLiveRun(runtime.state(key), followed)) {
                        break;
                    }
                } else if (!printed.remove(line)) {
                    exchange.writeChunk((line.format(timestamps) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            exchange.finish(null);
        } catch (IOException clientGone) {
            exchange.finish(clientGone);
        } finally {
            endPoint.setIdleTimeout(idleTimeout);
        }
    }

    /**
     * Whether {@code now} is still the container {@code followed} was (same uid and generation: a
     * new generation keeps a log of its own) and has not ended.
     */
    private static boolean sameLiveRun(Optional<ContainerState> now, Optional<ContainerState> followed) {
        return now.isPresent() && followed.isPresent() && !now.get().ended()
                && now.get().sameContainer(followed.get());
    }

    private static Long tailLines(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw ApiError.badRequest("tailLines must be 0 or more, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("tailLines must be a whole number, got \"" + text + "\"");
        }
    }

    /** End every follow within one poll, as the server closes. */
    public void close() {
        closed = true;
    }
}
