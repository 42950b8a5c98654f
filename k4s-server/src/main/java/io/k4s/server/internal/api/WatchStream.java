package io.k4s.server.internal.api;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.schema.JsonText;
import io.k4s.server.internal.http.Accept;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.EndPoint;

/**
 * Stream a watch as Kubernetes does: one JSON object per line, {@code {"type":"ADDED",
 * "object":{...}}} (MODIFIED, DELETED), on the request's own virtual thread. Without a
 * {@code resourceVersion} (or with {@code "0"}) the stream starts with an ADDED event per existing
 * object; with one, it resumes after it, and a revision the store no longer remembers ends the
 * stream with an ERROR event carrying a {@code 410 Expired} Status (clients then list again).
 *
 * <p>A quiet watch is not cut by the connector's idle timeout: its connection's idle timeout is
 * raised to the watch's lifetime ({@code timeoutSeconds}, 30 minutes by default), and with
 * {@code allowWatchBookmarks=true} a BOOKMARK event carrying the last revision seen goes out
 * after every quiet {@code bookmarkInterval}. Objects may be Tables (kubectl get -w), with the
 * column definitions in the first event only. {@link #close()} ends every open stream (server
 * shutdown). A WebSocket upgrade is answered with a plain, empty {@code 200}, on which clients that
 * try WebSockets first (fabric8) fall back to this stream. Thread-safe.
 */
public final class WatchStream implements AutoCloseable {

    private static final long DEFAULT_TIMEOUT_SECONDS = 1800;

    private final ResourceClient resources;
    private final WireObjects wire;
    private final Tables tables;
    private final Duration bookmarkInterval;
    private final Set<Watch> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Watches of {@code resources}; quiet watches that allow bookmarks get one every {@code bookmarkInterval}. */
    public WatchStream(ResourceClient resources, WireObjects wire, Duration bookmarkInterval) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.tables = new Tables(wire);
        this.bookmarkInterval = Objects.requireNonNull(bookmarkInterval, "bookmarkInterval");
    }

    /** How many watch streams are open now. */
    public int openStreams() {
        return open.size();
    }

    /** Stream the watch {@code exchange} asks for, of {@code kind} in {@code namespace} ({@code null}: all). */
    <R extends Resource> void stream(Exchange exchange, ResourceKind<R> kind, String namespace)
            throws InterruptedException {
        if ("websocket".equalsIgnoreCase(exchange.header("Upgrade"))) {
            // Watches stream over plain HTTP. A client that tries a WebSocket first (fabric8) falls back to
            // HTTP when the upgrade is answered with a plain 200, so answer at once rather than hold a stream.
            exchange.respond(200, "application/json", new byte[0]);
            return;
        }
        // First of all, so that the connector's idle timeout cannot end the request while it starts.
        EndPoint endPoint = exchange.request().getConnectionMetaData().getConnection().getEndPoint();
        long idleTimeout = endPoint.getIdleTimeout();
        long timeoutSeconds = StoreQueries.positive(exchange, "timeoutSeconds", DEFAULT_TIMEOUT_SECONDS);
        endPoint.setIdleTimeout(Math.max(idleTimeout, (timeoutSeconds + 60) * 1000));
        try {
            stream(exchange, kind, namespace, timeoutSeconds);
        } finally {
            endPoint.setIdleTimeout(idleTimeout);
        }
    }

    private <R extends Resource> void stream(Exchange exchange, ResourceKind<R> kind, String namespace,
                                             long timeoutSeconds) throws InterruptedException {
        StoreQueries.Selection selection = StoreQueries.selection(exchange);
        long from = StoreQueries.resourceVersion(exchange.query("resourceVersion"));
        boolean bookmarks = exchange.flag("allowWatchBookmarks");
        String table = Accept.parse(exchange.header("Accept")).table();
        String include = Tables.includeObject(exchange.query("includeObject"));
        List<R> initial = List.of();
        if (from <= 0) {
            ResourceList<R> listed = resources.list(kind.type(), namespace, selection.labels());
            initial = listed.items().stream().filter(selection::matches).toList();
            from = listed.resourceVersion();
        }
        if (closed) {
            throw ApiError.of(503, "ServiceUnavailable", "the server is shutting down");
        }
        Watch watch = resources.watch(kind.type(), namespace, selection.labels(), from);
        open.add(watch);
        if (closed) {
            watch.close();
        }
        Stream<R> out = new Stream<>(exchange, kind, selection, table, include);
        try {
            exchange.startStream(200, "application/json");
            for (R r : initial) {
                out.event("ADDED", r, from);
            }
            out.flushHeaders();
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            long lastSeen = from;
            while (!closed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                Duration wait = Duration.ofNanos(bookmarks ? Math.min(remaining, bookmarkInterval.toNanos()) : remaining);
                WatchEvent event = watch.next(wait);
                if (event == null) {
                    if (watch.closed()) {
                        break;
                    }
                    if (bookmarks && deadline - System.nanoTime() > 0) {
                        out.bookmark(lastSeen);
                    }
                    continue;
                }
                if (event instanceof WatchEvent.Expired expired) {
                    out.line("ERROR", ApiError.expired("too old resource version: " + expired.reason()).toStatus());
                    break;
                }
                lastSeen = event.resourceVersion();
                out.changed(event);
            }
            exchange.finish(null);
        } catch (IOException clientGone) {
            exchange.finish(clientGone);
        } finally {
            open.remove(watch);
            watch.close();
        }
    }

    /** End every open stream (they finish their responses); later watches are refused with 503. */
    @Override
    public void close() {
        closed = true;
        open.forEach(Watch::close);
    }

    /** The writing side of one stream; used by its request's thread only. */
    private final class Stream<R extends Resource> {
        private final Exchange exchange;
        private final ResourceKind<R> kind;
        private final StoreQueries.Selection selection;
        private final String table;
        private final String include;
        private boolean first = true;
        private boolean wrote;

        Stream(Exchange exchange, ResourceKind<R> kind, StoreQueries.Selection selection, String table,
               String include) {
            this.exchange = exchange;
            this.kind = kind;
            this.selection = selection;
            this.table = table;
            this.include = include;
        }

        /** Send the headers even if no event came yet, so that the client knows the watch started. */
        void flushHeaders() throws IOException {
            if (!wrote) {
                exchange.commit();
                wrote = true;
            }
        }

        /**
         * Tell the client about a change. The store filters by labels (an object that stops
         * matching arrives as DELETED, one that starts as ADDED); the field selector, over name
         * and namespace, never changes its mind about an object.
         */
        void changed(WatchEvent event) throws IOException {
            switch (event) {
                case WatchEvent.Added a -> send("ADDED", a.resource(), event);
                case WatchEvent.Modified m -> send("MODIFIED", m.resource(), event);
                case WatchEvent.Deleted d -> send("DELETED", d.resource(), event);
                case WatchEvent.Expired e -> throw new IllegalStateException("expired events end the stream");
            }
        }

        private void send(String type, Resource r, WatchEvent event) throws IOException {
            if (selection.fields().test(r)) {
                event(type, kind.cast(r), event.resourceVersion());
            }
        }

        void event(String type, R r, long resourceVersion) throws IOException {
            Map<String, Object> object = table == null ? wire.write(kind, r, exchange.user())
                    : tables.table(kind, List.of(r), resourceVersion, null, include, first, exchange.user(), table);
            first = false;
            line(type, object);
        }

        void bookmark(long resourceVersion) throws IOException {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("kind", kind.kind());
            object.put("apiVersion", kind.apiVersion());
            object.put("metadata", Map.of("resourceVersion", String.valueOf(resourceVersion)));
            line("BOOKMARK", object);
        }

        void line(String type, Map<String, Object> object) throws IOException {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", type);
            event.put("object", object);
            exchange.writeChunk((JsonText.write(event) + "\n").getBytes(StandardCharsets.UTF_8));
            wrote = true;
        }
    }
}
