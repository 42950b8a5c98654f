package io.k4s.transport.nats;

import io.k4s.api.Address;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.K4sException;
import io.k4s.core.messaging.Transport;
import io.k4s.core.messaging.WireMessage;
import io.k4s.core.messaging.WireReply;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carry k4s messages between nodes over NATS (jnats): the {@link Transport} of
 * {@code --transport nats://HOST:PORT}.
 *
 * <p>Subjects, under a prefix ({@code k4s} by default): {@code PREFIX.node.NODE} takes every
 * message and request for the containers of node {@code NODE} (one subscription per node, however
 * many containers it runs); {@code PREFIX.refused.NODE} takes the refusals of fire-and-forget
 * messages node {@code NODE} sent; {@code PREFIX.load} carries every node's load reports.
 * Requests use NATS' own request-reply (a reply subject under the connection's inbox). What a
 * message carries is framed in its body ({@link WireFrames}); only load reports use a NATS header.
 *
 * <p>Failures: a request to a node that has no subscriber fails at once with
 * {@link ContainerTerminatedException} (NATS answers "no responders"); requests in flight when
 * the connection drops (server restart, partition) fail with {@code ContainerTerminatedException}
 * as soon as the drop is seen, since their replies can no longer arrive; a reply that never comes
 * (the node died after taking the request) is left to the router's request timeout. The client
 * reconnects forever, every {@value #RECONNECT_WAIT_MILLIS} ms; while it is disconnected
 * {@link #connected()} is false and the router sends nothing through it.
 *
 * <p>A reply completes the caller's future on the NATS client's thread that received it (as a
 * local reply completes it on the replying container's thread): callbacks attached to a remote
 * request's future must be short and never block, or they hold up this node's other replies. A
 * hop to another thread here cost about a fifth of the round trip on a loaded machine.
 * Thread-safe.
 */
public final class NatsTransport implements Transport {

    /** The subject prefix when none is given. */
    public static final String DEFAULT_PREFIX = "k4s";
    static final long RECONNECT_WAIT_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(NatsTransport.class);
    /** How much longer than the requester NATS keeps a request's reply subscription: the router's timeout comes first. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    /** The header of a load report that names the node it is from. */
    private static final String LOAD_FROM = "K4s-From";

    private final Connection connection;
    private final String prefix;
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private volatile String node;
    private volatile Dispatcher dispatcher;
    private volatile boolean closing;

    /**
     * One request waiting for its reply: failed when the connection drops. Compared by identity
     * (a class, not a record), so adding and removing it hashes nothing.
     */
    private static final class InFlight extends CompletableFuture<WireReply> {
        final Address container;
        final String node;

        InFlight(Address container, String node) {
            this.container = container;
            this.node = node;
        }
    }

    private NatsTransport(Connection connection, String prefix) {
        this.connection = connection;
        this.prefix = prefix;
    }

    /**
     * Connect to the NATS servers {@code servers} ({@code nats://HOST:PORT}, several separated by
     * commas) with subjects under {@value #DEFAULT_PREFIX}.
     *
     * @throws K4sException if no server can be reached within a few seconds, saying which
     */
    public static NatsTransport connect(String servers) {
        return connect(servers, DEFAULT_PREFIX);
    }

    /**
     * Connect as {@link #connect(String)}, with subjects under {@code prefix} (so that several
     * k4s clusters can share one NATS server).
     */
    public static NatsTransport connect(String servers, String prefix) {
        Objects.requireNonNull(servers, "servers");
        if (!prefix.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("subject prefix \"" + prefix + "\" may hold only letters, digits, -"
                    + " and _");
        }
        NatsTransport[] self = new NatsTransport[1];
        Options options = Options.builder()
                .servers(servers.split(","))
                .connectionName("k4s")
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(RECONNECT_WAIT_MILLIS))
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener((conn, event) -> {
                    if (self[0] != null) {
                        self[0].onEvent(event);
                    }
                })
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        LOG.warn("NATS reported an error: {}", error);
                    }

                    @Override
                    public void exceptionOccurred(Connection conn, Exception exception) {
                        LOG.debug("NATS connection: {}", exception.toString()); // reconnects; events say so
                    }
                })
                .build();
        try {
            self[0] = new NatsTransport(Nats.connect(options), prefix);
            return self[0];
        } catch (IOException e) {
            throw new K4sException("cannot connect to NATS at " + servers + ": " + e.getMessage()
                    + "; check that nats-server runs there (nats-server -a HOST -p PORT)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new K4sException("interrupted while connecting to NATS at " + servers, e);
        }
    }

    private void onEvent(ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED, CLOSED -> {
                if (!closing) {
                    LOG.warn("node {}: NATS connection {}; requests in flight fail", node, event);
                }
                failInFlight();
            }
            case RECONNECTED -> LOG.info("node {}: NATS connection restored", node);
            default -> LOG.debug("node {}: NATS connection event {}", node, event);
        }
    }

    private void failInFlight() {
        for (InFlight f : inFlight) {
            inFlight.remove(f);
            f.completeExceptionally(new ContainerTerminatedException(f.container, "the NATS connection to node "
                    + f.node + " dropped while the request was in flight; it may or may not have been handled"));
        }
    }

    /** The NATS connection, for diagnostics and tests (closing it cuts this node off). */
    public Connection connection() {
        return connection;
    }

    String subjectOf(String toNode) {
        return prefix + ".node." + token(toNode);
    }

    private String refusalsOf(String node) {
        return prefix + ".refused." + token(node);
    }

    /**
     * {@code node} as one subject token: a node name may hold dots (it is a DNS-1123 name, such as
     * a host name), which NATS reads as token separators; they become {@code _}, which a node name
     * cannot hold, so two names never share a subject.
     */
    static String token(String node) {
        return node.replace('.', '_');
    }

    @Override
    public void start(String node, Inbound inbound) {
        Objects.requireNonNull(inbound, "inbound");
        this.node = Objects.requireNonNull(node, "node");
        Dispatcher d = connection.createDispatcher();
        d.subscribe(subjectOf(node), msg -> receive(msg, inbound));
        d.subscribe(refusalsOf(node), msg -> {
            try {
                inbound.refused(WireFrames.refusal(msg.getData()));
            } catch (RuntimeException e) {
                LOG.warn("node {}: ignoring an unreadable refusal: {}", node, e.toString());
            }
        });
        d.subscribe(prefix + ".load", msg -> {
            Headers h = msg.getHeaders();
            String from = h == null ? null : h.getFirst(LOAD_FROM);
            if (from != null && !from.equals(node)) {
                inbound.load(from, msg.getData());
            }
        });
        this.dispatcher = d;
        try {
            connection.flush(Duration.ofSeconds(5)); // the subscriptions are in place before anything is sent
        } catch (Exception e) {
            LOG.warn("node {}: NATS did not confirm the subscriptions within 5 s: {}", node, e.toString());
        }
    }

    private void receive(Message msg, Inbound inbound) {
        WireMessage m;
        try {
            m = WireFrames.message(msg.getData());
        } catch (RuntimeException e) {
            LOG.warn("node {}: ignoring a message on {} that is not k4s's: {}", node, msg.getSubject(), e.toString());
            return;
        }
        String replyTo = msg.getReplyTo();
        inbound.deliver(m, reply -> {
            if (replyTo == null) {
                return;
            }
            if (!m.request() && reply.value() == null) {
                // A refused fire-and-forget message goes back whole, so the sender's dead letter holds its payload.
                connection.publish(replyTo, WireFrames.refusal(reply, m));
            } else {
                connection.publish(replyTo, WireFrames.reply(reply));
            }
        });
    }

    @Override
    public boolean connected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public void send(String toNode, WireMessage message) {
        connection.publish(subjectOf(toNode), node == null ? null : refusalsOf(node), WireFrames.message(message));
    }

    @Override
    public CompletableFuture<WireReply> request(String toNode, WireMessage message, Duration timeout) {
        InFlight result = new InFlight(message.container(), toNode);
        inFlight.add(result);
        byte[] frame = WireFrames.message(message);
        connection.requestWithTimeout(subjectOf(toNode), frame, timeout.plus(SLACK)).whenComplete((reply, error) -> {
            inFlight.remove(result);
            if (error != null) {
                result.completeExceptionally(failure(message.container(), toNode, error));
                return;
            }
            try {
                result.complete(WireFrames.reply(reply.getData()));
            } catch (RuntimeException e) {
                result.completeExceptionally(new K4sException(message.container() + ": node " + toNode
                        + " answered with something that is not a k4s reply: " + e.getMessage(), e));
            }
        });
        return result;
    }

    private static K4sException failure(Address container, String toNode, Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof CancellationException) {
            return new ContainerTerminatedException(container, "no reply from node " + toNode + " over NATS (no"
                    + " subscriber for its subject: the node is down or cut off, or the request timed out)");
        }
        return new ContainerTerminatedException(container, "NATS failed the request to node " + toNode + ": " + e);
    }

    @Override
    public void publishLoad(byte[] report) {
        if (connected()) {
            Headers h = new Headers();
            h.put(LOAD_FROM, node);
            connection.publish(prefix + ".load", h, report);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            Dispatcher d = dispatcher;
            if (d != null && connection.getStatus() != Connection.Status.CLOSED) {
                connection.closeDispatcher(d);
            }
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "NatsTransport[node " + node + ", " + connection.getConnectedUrl() + "]";
    }
}
