package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.DeadLetter;
import io.k4s.api.K4sException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.PayloadNotEncodableException;
import io.k4s.core.schema.JsonText;
import io.k4s.core.wire.Failures;
import io.k4s.core.wire.PayloadCodecs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Router}'s side of a {@link Transport}: which containers run on which other node
 * ({@link RemoteEndpoint}s in the directory), what arrives from other nodes (delivered to this
 * node's containers, the outcome sent back), and the load reports that feed
 * {@link io.k4s.api.resource.LoadBalancing#LEAST_LOADED} across nodes.
 *
 * <p>Load: every {@link #REPORT_PERIOD} a platform thread ({@code k4s-load-report}) publishes how
 * many messages wait in each local container's mailbox; a remote endpoint's
 * {@link RemoteEndpoint#queued()} is the last report of its node (0 before the first).
 *
 * <p>Thread-safe: deliveries come on the transport's threads, locations from the placement feed,
 * sends from any thread.
 */
final class RemoteRouting implements Transport.Inbound, AutoCloseable {

    static final Duration REPORT_PERIOD = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RemoteRouting.class);

    private final Router router;
    private final Directory directory;
    private final Transport transport;
    private final String node;
    private final PayloadCodecs codecs;
    private final ConcurrentHashMap<Address, RemoteEndpoint> remote = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final Thread reporter;
    private volatile boolean running = true;

    RemoteRouting(Router router, Directory directory, Transport transport, String node, PayloadCodecs codecs) {
        this.router = router;
        this.directory = directory;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.node = Objects.requireNonNull(node, "node");
        this.codecs = Objects.requireNonNull(codecs, "codecs");
        this.reporter = Thread.ofPlatform().name("k4s-load-report").daemon(true).unstarted(this::report);
    }

    void start() {
        transport.start(node, this);
        reporter.start();
    }

    Transport transport() {
        return transport;
    }

    String node() {
        return node;
    }

    PayloadCodecs codecs() {
        return codecs;
    }

    long refusals() {
        return refused.sum();
    }

    // ---- where containers run ----

    void locate(Address container, String at) {
        if (at.equals(node)) {
            forget(container);
            return;
        }
        remote.compute(container, (address, old) -> {
            if (old != null && old.node.equals(at)) {
                return old;
            }
            if (old != null) {
                directory.unregister(old);
            }
            RemoteEndpoint e = new RemoteEndpoint(this, address, at);
            directory.registerRemote(e);
            return e;
        });
    }

    void forget(Address container) {
        RemoteEndpoint old = remote.remove(container);
        if (old != null) {
            directory.unregister(old);
        }
    }

    // ---- what arrives ----

    @Override
    public void deliver(WireMessage m, Transport.Replies replies) {
        ContainerEndpoint c = directory.container(m.container());
        if (c == null || c instanceof RemoteEndpoint) {
            replies.reply(failed(new ContainerNotFoundException(m.container())));
            return;
        }
        Object payload;
        try {
            payload = codecs.decode(m.payload());
        } catch (RuntimeException e) {
            replies.reply(failed(new K4sException(m.container() + ": the payload from node " + m.fromNode()
                    + " could not be decoded: " + e.getMessage(), e)));
            return;
        }
        if (!m.request()) {
            try {
                if (!c.offer(new Envelope(m.target(), m.sender(), payload, m.headers(), null, false))) {
                    replies.reply(failed(new MailboxFullException(c.address(), c.capacity())));
                }
            } catch (RuntimeException e) {
                replies.reply(failed(e));
            }
            return;
        }
        Duration timeout = Duration.ofMillis(m.timeoutMillis());
        PendingRequest request = new PendingRequest(router, m.container(), timeout);
        request.whenComplete((value, error) -> replies.reply(error == null ? reply(m, value) : failed(error)));
        ContainerEndpoint full;
        try {
            full = c.offer(new Envelope(m.target(), m.sender(), payload, m.headers(), request, false)) ? null : c;
        } catch (RuntimeException e) {
            request.completeExceptionally(e);
            return;
        }
        router.accepted(request, full, timeout.toNanos(), Duration.ZERO);
    }

    private WireReply reply(WireMessage m, Object value) {
        try {
            return WireReply.of(codecs.encode(m.container(), value));
        } catch (PayloadNotEncodableException e) {
            return failed(e);
        }
    }

    private static WireReply failed(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return WireReply.failed(Failures.encode(e));
    }

    @Override
    public void refused(WireMessage.Refusal refusal) {
        K4sException failure = Failures.decode(refusal.failure(), refusal.container());
        refused.increment();
        router.deadLetters().record(new DeadLetter(refusal.container(), refusal.sender(), payloadOf(refusal),
                "refused by its node: " + failure.getMessage(), failure, Instant.now()));
    }

    /** The refused message's payload as it was sent, or {@code null} if it did not come back or cannot be read here. */
    private Object payloadOf(WireMessage.Refusal refusal) {
        if (refusal.payload() == null) {
            return null;
        }
        try {
            return codecs.decode(refusal.payload());
        } catch (RuntimeException e) {
            LOG.debug("the payload refused by {} could not be decoded: {}", refusal.container(), e.toString());
            return null;
        }
    }

    // ---- load reports ----

    @Override
    public void load(String from, byte[] report) {
        Map<?, ?> queues;
        try {
            queues = (Map<?, ?>) JsonText.read(new String(report, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.debug("ignoring an unreadable load report from node {}: {}", from, e.toString());
            return;
        }
        for (RemoteEndpoint e : remote.values()) {
            if (e.node.equals(from)) {
                Object q = queues.get(e.address().toString());
                if (q instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number n
                        && l.get(1) instanceof Number cap) {
                    e.queued = n.intValue();
                    e.capacity = cap.intValue();
                } else {
                    e.queued = 0;
                }
            }
        }
    }

    private void report() {
        while (running) {
            try {
                Thread.sleep(REPORT_PERIOD); // a period, not a wait for state
            } catch (InterruptedException e) {
                return;
            }
            try {
                Map<String, Object> queues = new HashMap<>();
                for (ContainerEndpoint c : directory.local()) {
                    queues.put(c.address().toString(), List.of(c.queued(), c.capacity()));
                }
                transport.publishLoad(JsonText.write(queues).getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.debug("could not publish this node's load: {}", e.toString());
            }
        }
    }

    /** Stop reporting and close the transport. */
    @Override
    public void close() {
        running = false;
        reporter.interrupt();
        transport.close();
    }
}
