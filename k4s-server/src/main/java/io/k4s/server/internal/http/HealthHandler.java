package io.k4s.server.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answer {@code /livez}, {@code /readyz} and {@code /healthz} as Kubernetes does: {@code 200 ok}
 * when every check passes, {@code 503} otherwise, and with {@code ?verbose} one line per check
 * ({@code [+]store ok}, {@code [-]shutdown failed: ...}). Liveness checks only that the server
 * answers; readiness also runs the given checks (each returns {@code null} when it passes, or
 * what is wrong).
 */
public final class HealthHandler extends ExchangeHandler {

    private final Map<String, Supplier<String>> readiness;

    /** Health with these readiness checks, in order. */
    public HealthHandler(Map<String, Supplier<String>> readiness) {
        this.readiness = new LinkedHashMap<>(Objects.requireNonNull(readiness, "readiness"));
    }

    @Override
    public void serve(Exchange exchange) {
        if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            throw ApiError.methodNotAllowed(exchange.method(), exchange.path());
        }
        boolean ready = exchange.path().startsWith("/readyz");
        StringBuilder report = new StringBuilder("[+]ping ok\n");
        boolean ok = true;
        if (ready) {
            for (Map.Entry<String, Supplier<String>> check : readiness.entrySet()) {
                String problem;
                try {
                    problem = check.getValue().get();
                } catch (RuntimeException e) {
                    problem = e.toString();
                }
                ok &= problem == null;
                report.append(problem == null ? "[+]" + check.getKey() + " ok\n"
                        : "[-]" + check.getKey() + " failed: " + problem + "\n");
            }
        }
        String name = ready ? "readyz" : "livez";
        report.append(name).append(ok ? " check passed\n" : " check failed\n");
        String body = exchange.query("verbose") != null || !ok ? report.toString() : "ok";
        exchange.respond(ok ? 200 : 503, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }
}
