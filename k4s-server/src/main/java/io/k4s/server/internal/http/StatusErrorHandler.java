package io.k4s.server.internal.http;

import io.k4s.core.schema.JsonText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Write the errors Jetty itself answers (a malformed request line, headers too large, a bad URI)
 * as Kubernetes {@code Status} bodies, like every other error, never an HTML page or a stack trace.
 */
public final class StatusErrorHandler extends ErrorHandler {

    /** Errors without stacks or causes. */
    public StatusErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = status(code, message).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int code, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(status(code, reason).getBytes(StandardCharsets.UTF_8));
    }

    private static String status(int code, String message) {
        String reason = switch (code) {
            case 400 -> "BadRequest";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 413 -> "RequestEntityTooLarge";
            case 414 -> "RequestURITooLong";
            case 431 -> "RequestHeaderFieldsTooLarge";
            case 503 -> "ServiceUnavailable";
            default -> code >= 500 ? "InternalError" : "BadRequest";
        };
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        return JsonText.write(ApiError.of(code, reason, text).toStatus());
    }
}
