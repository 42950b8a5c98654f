package io.k4s.server;

import io.k4s.core.schema.JsonText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openqa.selenium.WebDriverException;

/**
 * What a page fetched from the test server, read from Chromium's DevTools network events: every
 * request with its headers, and its response body as the browser received it (through
 * {@code Network.getResponseBody}), or, for a response the browser cannot hand back (a watch still
 * streaming), the same request sent again with a one-second watch.
 */
final class NetworkLog {

    private final TestServer s;
    private final Map<String, Map<String, Object>> requests = new LinkedHashMap<>();

    /** Read the requests to {@code s} out of DevTools events (JSON lines of the performance log). */
    @SuppressWarnings("unchecked")
    NetworkLog(TestServer s, Iterable<String> events) {
        this.s = s;
        String base = s.server.uri().toString();
        for (String line : events) {
            Map<String, Object> message = (Map<String, Object>) ((Map<String, Object>) JsonText.read(line)).get("message");
            if ("Network.requestWillBeSent".equals(message.get("method"))) {
                Map<String, Object> params = (Map<String, Object>) message.get("params");
                Map<String, Object> request = (Map<String, Object>) params.get("request");
                if (String.valueOf(request.get("url")).startsWith(base)) {
                    requests.put((String) params.get("requestId"), request);
                }
            }
        }
    }

    /** The URL and body of every response the page got from the server, in the order it asked. */
    @SuppressWarnings("unchecked")
    Map<String, String> bodies(Browser browser) throws IOException, InterruptedException {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : requests.entrySet()) {
            String url = (String) e.getValue().get("url");
            String body;
            try {
                Map<String, Object> got = browser.driver.executeCdpCommand("Network.getResponseBody",
                        Map.of("requestId", e.getKey()));
                body = Boolean.TRUE.equals(got.get("base64Encoded"))
                        ? new String(Base64.getDecoder().decode((String) got.get("body")), StandardCharsets.UTF_8)
                        : (String) got.get("body");
            } catch (WebDriverException streaming) {
                body = replay(url, (Map<String, Object>) e.getValue().get("headers"));
            }
            bodies.merge(url, body, (a, b) -> a + "\n" + b);
        }
        return bodies;
    }

    private String replay(String url, Map<String, Object> headers) throws IOException, InterruptedException {
        String again = url.contains("watch=true") ? url.replaceAll("&resourceVersion=[^&]*", "") + "&timeoutSeconds=1" : url;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(again)).timeout(Duration.ofSeconds(30));
        Object accept = headers == null ? null : headers.get("Accept");
        if (accept != null) {
            b.header("Accept", accept.toString());
        }
        return s.http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
