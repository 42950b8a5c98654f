package io.k4s.server;

import io.k4s.core.K4sCluster;
import io.k4s.server.internal.api.ApiCatalog;
import io.k4s.server.internal.api.ApiRouter;
import io.k4s.server.internal.api.DiscoveryHandler;
import io.k4s.server.internal.api.ObjectFilter;
import io.k4s.server.internal.api.OpenApiHandler;
import io.k4s.server.internal.api.ResourceHandler;
import io.k4s.server.internal.api.WatchStream;
import io.k4s.server.internal.api.WireObjects;
import io.k4s.server.internal.auth.AccessReviewHandler;
import io.k4s.server.internal.auth.AuthenticationHandler;
import io.k4s.server.internal.auth.AuthorizationHandler;
import io.k4s.server.internal.auth.RbacAuthorizer;
import io.k4s.server.internal.auth.TokenFile;
import io.k4s.server.internal.dashboard.DashboardHandler;
import io.k4s.server.internal.gateway.GatewayHandler;
import io.k4s.server.internal.http.HealthHandler;
import io.k4s.server.internal.http.PemKeyStore;
import io.k4s.server.internal.http.StatusErrorHandler;
import io.k4s.server.internal.http.StatusHandler;
import io.k4s.server.internal.logs.PodHandler;
import io.k4s.server.internal.metrics.MetricsHandler;
import io.k4s.server.internal.metrics.RequestMetricsHandler;
import io.k4s.server.internal.metrics.ServerMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serve a {@link K4sCluster} over HTTP as a Kubernetes API server that kubectl and Kubernetes
 * clients drive: discovery, OpenAPI v3, every kind under {@code /apis/GROUP/VERSION} (CRUD, watch,
 * status and scale), the gateway to Services and Containers ({@code .../services/NAME/request}),
 * {@code /metrics}, {@code /livez} and {@code /readyz}, and the web dashboard at {@code /}; with bearer
 * tokens and RBAC, optionally TLS.
 *
 * <pre>{@code
 * try (K4sCluster cluster = K4sCluster.start();
 *      K4sServer server = K4sServer.builder(cluster).port(0).start()) {
 *     System.out.println("kubectl --server " + server.uri());
 * }
 * }</pre>
 *
 * <p>Built on Jetty's core handlers, one per concern, every request on its own virtual thread.
 * Thread-safe; {@link #close()} stops accepting, ends every watch, lets requests in flight finish
 * (up to the stop timeout) and closes the server, not the cluster.
 */
public final class K4sServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(K4sServer.class);

    /** The port of {@code k4s serve} unless another is asked for. */
    public static final int DEFAULT_PORT = 6440;

    private final Server jetty;
    private final WatchStream watches;
    private final PodHandler pods;
    private final ServerMetrics metrics;
    private final URI uri;
    private final String bind;
    private final TokenFile tokens;
    private volatile boolean closing;

    private K4sServer(Builder b) throws IOException {
        K4sCluster cluster = b.cluster;
        TokenFile tokens = b.tokenFile == null ? null : TokenFile.read(b.tokenFile);
        boolean loopback = InetAddress.getByName(b.bind).isLoopbackAddress();
        if (!loopback && tokens == null) {
            throw new IllegalStateException("binding to " + b.bind + " needs authentication: give a token file"
                    + " (--token-file FILE, one line per token: token,user,uid,\"group1,group2\"), or bind to"
                    + " 127.0.0.1 for a local server without authentication");
        }
        ApiCatalog catalog = new ApiCatalog(cluster.kinds());
        WireObjects wire = new WireObjects(cluster.codec(), cluster.workers()::problem, b.filter);
        watches = new WatchStream(cluster.resources(), wire, b.bookmarkInterval);
        pods = new PodHandler(cluster.resources(), cluster.runtime(), wire.codec());
        metrics = new ServerMetrics(cluster, watches::openStreams);
        RbacAuthorizer authorizer = new RbacAuthorizer(cluster.resources());

        PathMappingsHandler routes = new PathMappingsHandler();
        Map<String, Supplier<String>> readiness = new LinkedHashMap<>();
        readiness.put("store", () -> cluster.resources().resourceVersion() >= 0 ? null : "no revision");
        readiness.put("shutdown", () -> closing ? "the server is shutting down" : null);
        HealthHandler health = new HealthHandler(readiness);
        for (String path : new String[] {"/livez", "/readyz", "/healthz"}) {
            routes.addMapping(PathSpec.from(path), health);
            routes.addMapping(PathSpec.from(path + "/*"), health);
        }
        DiscoveryHandler discovery = new DiscoveryHandler(catalog, version());
        routes.addMapping(PathSpec.from("/version"), discovery);
        routes.addMapping(PathSpec.from("/metrics"), new MetricsHandler(metrics));
        routes.addMapping(PathSpec.from("/openapi/*"), new OpenApiHandler(catalog));
        ApiRouter api = new ApiRouter(discovery, new AccessReviewHandler(authorizer),
                new GatewayHandler(cluster.messenger(), cluster.resources(), b.requestTimeout, metrics),
                new ResourceHandler(catalog, cluster.resources(), wire, watches), pods);
        DashboardHandler dashboard = new DashboardHandler(K4sServer.class.getClassLoader());
        routes.addMapping(PathSpec.from("^/$"), dashboard);
        routes.addMapping(PathSpec.from(DashboardHandler.PREFIX + "*"), dashboard);
        routes.addMapping(PathSpec.from("/api/*"), api);
        routes.addMapping(PathSpec.from("/apis/*"), api);

        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("k4s-http");
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector;
        if (b.tlsCert != null) {
            char[] password = "k4s-in-memory".toCharArray();
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(PemKeyStore.load(b.tlsCert, b.tlsKey, password));
            ssl.setKeyStorePassword(new String(password));
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        }
        connector.setHost(b.bind);
        connector.setPort(b.port);
        connector.setIdleTimeout(b.idleTimeout.toMillis());
        jetty.addConnector(connector);
        jetty.setHandler(new StatusHandler(new RequestMetricsHandler(new AuthenticationHandler(
                new AuthorizationHandler(routes, authorizer), tokens), metrics), b.maxBodyBytes));
        jetty.setErrorHandler(new StatusErrorHandler());
        jetty.setStopTimeout(b.stopTimeout.toMillis());
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            metrics.close();
            throw new IOException("the API server could not listen on " + b.bind + ":" + b.port + ": "
                    + e.getMessage(), e);
        }
        this.bind = b.bind;
        this.tokens = tokens;
        String host = InetAddress.getByName(b.bind).isAnyLocalAddress() ? "127.0.0.1" : b.bind;
        this.uri = URI.create((b.tlsCert != null ? "https" : "http") + "://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
        LOG.info("k4s API server listening on {} ({} kinds, {})", uri, cluster.kinds().kinds().size(),
                tokens == null ? "no authentication" : tokens.users().size() + " tokens, RBAC");
    }

    private static Map<String, Object> version() {
        Map<String, Object> v = new LinkedHashMap<>();
        String k4s = Optional.ofNullable(K4sServer.class.getPackage().getImplementationVersion()).orElse("dev");
        v.put("major", "1");
        v.put("minor", "33");
        v.put("gitVersion", "v1.33.0-k4s." + k4s.replaceAll("[^0-9A-Za-z.]", "-"));
        v.put("gitCommit", "");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "");
        v.put("goVersion", "java" + Runtime.version().feature());
        v.put("compiler", "javac");
        v.put("platform", System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/"
                + System.getProperty("os.arch"));
        return v;
    }

    /** A builder for a server of {@code cluster}. */
    public static Builder builder(K4sCluster cluster) {
        return new Builder(cluster);
    }

    /** Where clients reach the server: {@code http://127.0.0.1:PORT} (https with TLS). */
    public URI uri() {
        return uri;
    }

    /** The port it listens on (the one picked, when 0 was asked for). */
    public int port() {
        return uri.getPort();
    }

    /**
     * A token of the first user of the token file in group {@code system:masters}, for a kubeconfig;
     * empty without a token file or without such a user.
     */
    public Optional<String> adminToken() {
        return tokens == null ? Optional.empty() : tokens.adminToken();
    }

    /** The address it is bound to, as given. */
    public String bindAddress() {
        return bind;
    }

    /**
     * Stop gracefully: readiness fails, every watch ends (its client sees the stream close and
     * re-watches elsewhere), requests in flight finish within the stop timeout, then the
     * connector closes. Idempotent; does not close the cluster.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        watches.close();
        pods.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("the API server did not stop cleanly: {}", e.toString());
        } finally {
            metrics.close();
        }
    }

    /** Settings of a {@link K4sServer}, each checked where it is set. Not thread-safe. */
    public static final class Builder {
        private final K4sCluster cluster;
        private int port = DEFAULT_PORT;
        private String bind = "127.0.0.1";
        private Path tokenFile;
        private Path tlsCert;
        private Path tlsKey;
        private long maxBodyBytes = 3L * 1024 * 1024;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration bookmarkInterval = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(5);
        private ObjectFilter filter = ObjectFilter.REDACT;

        private Builder(K4sCluster cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
        }

        /** The port, {@value K4sServer#DEFAULT_PORT} by default; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to listen on, {@code 127.0.0.1} by default; any other than a loopback address
         * needs a {@link #tokenFile}.
         */
        public Builder bind(String address) {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("the bind address must not be empty");
            }
            this.bind = address.strip();
            return this;
        }

        /**
         * Authenticate with the bearer tokens of {@code file}, in Kubernetes' static token file format
         * ({@code token,user,uid,"group1,group2"} per line), and authorize with RBAC.
         */
        public Builder tokenFile(Path file) {
            this.tokenFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Serve HTTPS with the PEM certificate chain {@code cert} and the PKCS#8 PEM private key {@code key}. */
        public Builder tls(Path cert, Path key) {
            this.tlsCert = Objects.requireNonNull(cert, "cert");
            this.tlsKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The largest request body read, 3 MiB by default (as manifests); larger ones are 413. */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** How long an idle connection stays open, 30 s by default (watches raise it for themselves). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /** How long a watch that allows bookmarks stays quiet before a BOOKMARK event, 30 s by default. */
        public Builder bookmarkInterval(Duration interval) {
            this.bookmarkInterval = positive(interval, "bookmarkInterval");
            return this;
        }

        /** The timeout of gateway requests without {@code ?timeout=}, 30 s by default. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long {@link #close()} lets requests in flight finish, 5 s by default. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /**
         * Start listening.
         *
         * @throws IOException           if the port cannot be bound or a TLS or token file cannot be read
         * @throws IllegalStateException if the address is not a loopback one and no token file was given
         */
        public K4sServer start() throws IOException {
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalStateException("TLS needs both a certificate and a key");
            }
            return new K4sServer(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
