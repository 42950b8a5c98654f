package io.k4s.server.internal.dashboard;

import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import io.k4s.server.internal.http.ExchangeHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Serve the dashboard's static files from the class path: {@code /} is {@code index.html}, and
 * {@code /dashboard/NAME} the file {@code NAME} of {@value #FOLDER}. Only plain file names with a
 * known extension are looked up (no folders, no {@code ..}), so nothing else of the class path can
 * be read. Every answer carries a strict Content-Security-Policy (scripts, styles and requests to
 * this origin only; no inline script or style, no frames, no forms posting elsewhere) and an ETag;
 * the files are not fingerprinted, so browsers revalidate them ({@code no-cache}) and get a
 * {@code 304} while they did not change. Files are read once and kept. Thread-safe: any request
 * thread may call it.
 */
public final class DashboardHandler extends ExchangeHandler {

    /** Where the files live on the class path. */
    static final String FOLDER = "io/k4s/server/dashboard/";

    /** The path prefix of the files other than the index. */
    public static final String PREFIX = "/dashboard/";

    /** The policy of every page and file: nothing from another origin, nothing inline. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}\\.(html|css|js|svg|png)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** A file as served. */
    private record File(String contentType, byte[] body, String etag) {}

    private final ClassLoader loader;
    // Only files found are kept: names that match nothing are looked up again, so requests for
    // made-up names cannot grow this map.
    private final Map<String, File> files = new ConcurrentHashMap<>();

    /** Serve the files that {@code loader} finds under {@value #FOLDER}. */
    public DashboardHandler(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether {@code path} is one of the dashboard's (which anyone may read: they hold no data). */
    public static boolean serves(String path) {
        return path.equals("/") || path.startsWith(PREFIX);
    }

    @Override
    public void serve(Exchange exchange) {
        String path = exchange.path();
        String name = path.equals("/") ? "index.html" : path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        File file = files.get(name);
        Matcher m = NAME.matcher(name);
        if (file == null && m.matches()) {
            file = read(name, m.group(1)).orElse(null);
            if (file != null) {
                files.put(name, file);
            }
        }
        if (file == null) {
            throw ApiError.noSuchPath(path);
        }
        if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            exchange.response().getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            throw ApiError.methodNotAllowed(exchange.method(), path);
        }
        HttpFields.Mutable headers = exchange.response().getHeaders();
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        headers.put(HttpHeader.ETAG, file.etag());
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        if (file.etag().equals(exchange.header("If-None-Match"))) {
            exchange.respond(304, file.contentType(), new byte[0]);
        } else {
            exchange.respond(200, file.contentType(), file.body()); // Jetty sends no body to a HEAD
        }
    }

    private Optional<File> read(String name, String extension) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            String etag = "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
            return Optional.of(new File(TYPES.get(extension), body, etag));
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard file " + FOLDER + name + " could not be read", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
