package io.k4s.server.internal.http;

import io.k4s.core.schema.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP request and its response, as every handler of the API server sees it: the path, the
 * query, the body read within the size limit, and JSON written back.
 *
 * <p>Made once per request by the outermost handler and found by the others with
 * {@link #of(Request)}. Used by the one thread that handles the request (a virtual thread); the
 * response is completed exactly once, by {@link #respond} or {@link #finish}.
 */
public final class Exchange {

    private static final String ATTRIBUTE = Exchange.class.getName();
    private static final String JSON = "application/json";

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long maxBodyBytes;
    private final String path;
    private Fields query;
    private RequestInfo info;
    private Object user;
    private boolean completed;

    Exchange(Request request, Response response, Callback callback, long maxBodyBytes) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.maxBodyBytes = maxBodyBytes;
        this.path = Request.getPathInContext(request);
        request.setAttribute(ATTRIBUTE, this);
    }

    /**
     * The exchange of {@code request}.
     *
     * @throws IllegalStateException if the outermost handler made none
     */
    public static Exchange of(Request request) {
        Object exchange = request.getAttribute(ATTRIBUTE);
        if (!(exchange instanceof Exchange e)) {
            throw new IllegalStateException("no exchange: the request did not pass the server's outermost handler");
        }
        return e;
    }

    /** The Jetty request. */
    public Request request() {
        return request;
    }

    /** The Jetty response. */
    public Response response() {
        return response;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return request.getMethod();
    }

    /** The decoded path, such as {@code /apis/k4s.io/v1/namespaces/default/services}. */
    public String path() {
        return path;
    }

    /** What the path asks for, as Kubernetes' request info. */
    public RequestInfo info() {
        if (info == null) {
            info = RequestInfo.parse(method(), path, query("watch"));
        }
        return info;
    }

    /** The authenticated user (set by authentication), or {@code null} before it ran. */
    @SuppressWarnings("unchecked")
    public <U> U user() {
        return (U) user;
    }

    /** Record the authenticated user. */
    public void user(Object user) {
        this.user = Objects.requireNonNull(user, "user");
    }

    /** The first value of query parameter {@code name}, or {@code null}. */
    public String query(String name) {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                throw ApiError.badRequest("the query string is malformed: " + e.getMessage());
            }
        }
        return query.getValue(name);
    }

    /** Whether query parameter {@code name} is {@code true} or {@code 1}. */
    public boolean flag(String name) {
        String v = query(name);
        return "true".equalsIgnoreCase(v) || "1".equals(v);
    }

    /** The value of header {@code name}, or {@code null}. */
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The media type of the body, lower case, without parameters; empty if none was given. */
    public String contentType() {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The body, read up to the limit.
     *
     * @throws ApiError 413 if it is longer than the limit (counted while reading, whatever the
     *                  Content-Length says), 400 if it cannot be read
     */
    public byte[] readBytes() {
        long declared = request.getLength();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, 64 * 1024)));
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > maxBodyBytes) {
                drain(in, buffer, 0);
                throw tooLarge(declared);
            }
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxBodyBytes) {
                    drain(in, buffer, total);
                    throw tooLarge(total);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw ApiError.badRequest("the request body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /**
     * Reads and discards the rest of a body that is over the limit, up to four times the limit,
     * so that the client, still sending, reads the 413 instead of a connection reset (a server
     * that answers and closes while the client writes makes the client's TCP stack drop the
     * answer). Past that bound the connection is closed and the client may see only the reset.
     * A read that fails here changes nothing: the answer is still the 413.
     */
    private void drain(InputStream in, byte[] buffer, long alreadyRead) {
        long budget = 4 * maxBodyBytes - alreadyRead;
        try {
            for (int n; budget > 0 && (n = in.read(buffer)) >= 0; ) {
                budget -= n;
            }
        } catch (IOException e) {
            // the client stopped sending; the 413 stands
        }
    }

    /**
     * The body as UTF-8 text, read up to the limit.
     *
     * @throws ApiError 413 if it is too large, 400 if it is not UTF-8 or cannot be read
     */
    public String readBody() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(readBytes())).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("the request body is not UTF-8 text");
        }
    }

    private ApiError tooLarge(long bytes) {
        return ApiError.tooLarge("the request body is " + (bytes > maxBodyBytes ? "over " : "") + maxBodyBytes
                + " bytes (" + bytes + (bytes > maxBodyBytes ? "+" : "") + " read); the limit is " + maxBodyBytes
                + " bytes");
    }

    /**
     * The body as JSON in the generic form, read with the manifests' limits.
     *
     * @throws ApiError 400 if it is empty or not JSON, or exceeds a limit of depth or length; 413
     *                  if it is too large
     */
    public Object readJson() {
        String body = readBody();
        if (body.isBlank()) {
            throw ApiError.badRequest("the request body is empty; send a JSON object");
        }
        try {
            return JsonText.read(body);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("the request body is not valid JSON: " + e.getMessage());
        }
    }

    /** The body as a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> readJsonObject() {
        Object json = readJson();
        if (!(json instanceof Map<?, ?>)) {
            throw ApiError.badRequest("the request body must be a JSON object");
        }
        return (Map<String, Object>) json;
    }

    /** Respond with {@code generic} as JSON. */
    public void respondJson(int code, Object generic) {
        respond(code, JSON, JsonText.write(generic).getBytes(StandardCharsets.UTF_8));
    }

    /** Respond with {@code generic} as JSON, announced with {@code contentType}. */
    public void respondJson(int code, String contentType, Object generic) {
        respond(code, contentType, JsonText.write(generic).getBytes(StandardCharsets.UTF_8));
    }

    /** Respond with {@code body} and complete the exchange. */
    public void respond(int code, String contentType, byte[] body) {
        if (completed) {
            throw new IllegalStateException("the response to " + method() + " " + path + " was already sent");
        }
        completed = true;
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Respond with the Kubernetes {@code Status} of {@code error}. */
    public void respondError(ApiError error) {
        if (error.retryAfterSeconds() != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
        }
        respondJson(error.code(), error.toStatus());
    }

    /**
     * Start a streamed response (a watch): the status and headers go out with the first write,
     * each chunk is flushed; end it with {@link #finish}.
     */
    public void startStream(int code, String contentType) {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }

    /**
     * Send the status and headers of a streamed response now, before any chunk, so that the
     * client knows the stream started (and fabric8's WebSocket attempt sees its answer).
     *
     * @throws IOException if the client went away
     */
    public void commit() throws IOException {
        try (Blocker.Callback flushed = Blocker.callback()) {
            response.write(false, null, flushed);
            flushed.block();
        }
    }

    /**
     * Write one chunk of a streamed response and wait until it is sent.
     *
     * @throws IOException if the client went away
     */
    public void writeChunk(byte[] chunk) throws IOException {
        Content.Sink.write(response, false, ByteBuffer.wrap(chunk));
    }

    /** End a streamed response; a failure ends it abruptly (the client sees a cut stream). */
    public void finish(Throwable failure) {
        if (completed) {
            return;
        }
        completed = true;
        if (failure == null) {
            response.write(true, null, callback);
        } else {
            callback.failed(failure);
        }
    }

    /** Whether the response was completed. */
    public boolean completed() {
        return completed;
    }

    /** Whether the status and headers were sent already (a streamed response started). */
    public boolean committed() {
        return response.isCommitted();
    }
}
