package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.MailboxFullException;
import io.k4s.api.Messenger;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.wire.PayloadCodecs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Route messages to containers and services: the directory of running containers and the
 * router-side view of every service's endpoints.
 *
 * <p>The container runtime {@linkplain #register registers} containers; the service
 * controller {@linkplain #updateEndpoints updates} endpoints when they change, so sending never
 * reads the resource store. As a {@link Messenger} it sends from outside the cluster (no
 * sender; relative addresses resolve in {@code default}); {@link #forSender} gives the view
 * workers use. Requests always complete: with the reply, a typed error, or a
 * {@link io.k4s.api.RequestTimeoutException} naming the target and the time waited.
 *
 * <p>Mailboxes are bounded; {@link Delivery} puts each message into one, trying every ready
 * replica of a service before it refuses, and waits for room when the caller asked to (the
 * consumer wakes waiting senders through each mailbox's {@link WaitingSenders}).
 *
 * <p>Thread-safe. Sending is lock-free unless it waits for room; registration and endpoint
 * updates take a lock.
 */
public final class Router implements Messenger, AutoCloseable {

    private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;
    private static final Duration MAX_WAIT = Duration.ofNanos(MAX_TIMEOUT_NANOS);

    private final RouterConfig config;
    private final Directory directory = new Directory();
    private final Delivery delivery = new Delivery(this, directory);
    private final TimeoutWheel wheel;
    private final DeadLetters deadLetters;
    private final LongAdder lateReplies = new LongAdder();
    private volatile RemoteRouting remote;
    private volatile boolean closed;

    /** A router with its own timeout thread ({@code k4s-timeouts}). */
    public Router(RouterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.deadLetters = new DeadLetters(config.deadLetterHistory());
        this.wheel = new TimeoutWheel(config.timeoutResolution(), "k4s-timeouts");
    }

    /** The configuration. */
    public RouterConfig config() {
        return config;
    }

    // ---- the directory, kept by the runtime and the service controller ----

    /**
     * Make {@code container} reachable at its address, replacing an earlier container with the
     * same address, and add it to the services that name it.
     */
    public void register(ContainerEndpoint container) {
        directory.register(container);
    }

    /** Make {@code container} unreachable, unless another container has taken its address since. */
    public void unregister(ContainerEndpoint container) {
        directory.unregister(container);
    }

    /**
     * Set a service's policy and the names of the containers it routes to (its endpoints, in
     * the service's namespace). Names of containers that are not registered yet are kept and
     * take effect when they register.
     */
    public void updateEndpoints(ResourceKey service, LoadBalancing policy, List<String> containerNames) {
        Objects.requireNonNull(policy, "policy");
        directory.update(Address.service(service.namespace(), service.name()), policy, List.copyOf(containerNames));
    }

    /** Forget a service: messages to it fail with {@link NoEndpointsException}. */
    public void removeService(ResourceKey service) {
        directory.remove(Address.service(service.namespace(), service.name()));
    }

    /** Forget every service not named in {@code keep}, as after a fresh list of all services. */
    public void retainServices(Set<ResourceKey> keep) {
        directory.retain(Set.copyOf(keep));
    }

    /**
     * How many endpoints of {@code service} are registered and ready right now: what a message
     * to it can be routed to. 0 for an unknown service. Any thread.
     */
    public int readyEndpoints(ResourceKey service) {
        Endpoints endpoints = directory.service(Address.service(service.namespace(), service.name()));
        return endpoints == null ? 0 : endpoints.ready();
    }

    // ---- other nodes ----

    /**
     * Reach containers of other nodes through {@code transport}, as node {@code node}: start it,
     * deliver what it brings to this router's containers, and encode payloads with
     * {@code codecs}. Call once, before {@link #locate}; without it (one JVM) no transport is
     * involved anywhere. The router closes the transport.
     *
     * @throws IllegalStateException if a transport is attached already
     */
    public synchronized void attach(Transport transport, String node, PayloadCodecs codecs) {
        if (remote != null) {
            throw new IllegalStateException("a transport is attached already (node " + remote.node() + ")");
        }
        RemoteRouting routing = new RemoteRouting(this, directory, transport, node, codecs);
        routing.start();
        remote = routing;
    }

    /**
     * Say that {@code container} (with its namespace) runs on node {@code node}: messages to it,
     * directly or through a service that names it, go there through the transport. A container of
     * this node itself is left to {@link #register}. Called by the placement feed (or a test).
     *
     * @throws IllegalStateException if no transport is attached
     */
    public void locate(Address container, String node) {
        RemoteRouting routing = remote;
        if (routing == null) {
            throw new IllegalStateException("no transport is attached: " + container + " on node " + node
                    + " cannot be reached from this JVM");
        }
        routing.locate(container, node);
    }

    /** Say that {@code container} no longer runs on another node; does nothing without a transport. */
    public void forget(Address container) {
        RemoteRouting routing = remote;
        if (routing != null) {
            routing.forget(container);
        }
    }

    /** This node's name on the transport, or {@code null} without one. */
    public String node() {
        RemoteRouting routing = remote;
        return routing == null ? null : routing.node();
    }

    /**
     * How many fire-and-forget messages sent from here another node refused (each also a dead
     * letter here).
     */
    public long remoteRefusals() {
        RemoteRouting routing = remote;
        return routing == null ? 0 : routing.refusals();
    }

    /**
     * How many messages wait for {@code container} as this router sees it: its mailbox's length,
     * or, for a container of another node, the length that node last reported (0 before its first
     * report). 0 for a container it does not know. Any thread.
     */
    public int queued(Address container) {
        ContainerEndpoint c = directory.container(container);
        return c == null ? 0 : c.queued();
    }

    // ---- messaging ----

    @Override
    public void send(Address to, Object payload) {
        send(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, Map.of());
    }

    /**
     * Send with headers, as {@link #send(Address, Object)}.
     *
     * @throws NullPointerException naming a header whose name or value is null; nothing is sent
     */
    public void send(Address to, Object payload, Map<String, String> headers) {
        send(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, copy(headers));
    }

    @Override
    public void send(Address to, Object payload, Duration maxWait) throws InterruptedException {
        send(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, maxWait);
    }

    @Override
    public boolean trySend(Address to, Object payload) {
        return trySend(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload);
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload) {
        return request(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, Map.of(), config.defaultRequestTimeout());
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload, Duration timeout) {
        return request(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, Map.of(), timeout);
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload, Duration timeout, Duration maxWait)
            throws InterruptedException {
        return request(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, timeout, maxWait);
    }

    /**
     * Ask with headers, as {@link #request(Address, Object, Duration)}.
     *
     * @throws NullPointerException naming a header whose name or value is null; nothing is sent
     */
    public CompletableFuture<Object> request(Address to, Object payload, Map<String, String> headers, Duration timeout) {
        return request(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, copy(headers), timeout);
    }

    /**
     * The messenger a container's worker uses: messages carry {@code sender}, and relative
     * addresses resolve in the sender's namespace.
     *
     * @param sender the container's address, with its namespace
     */
    public Messenger forSender(Address sender) {
        Objects.requireNonNull(sender, "sender");
        if (sender.namespace() == null) {
            throw new IllegalArgumentException("sender address " + sender + " needs a namespace");
        }
        return new SenderMessenger(this, sender);
    }

    /*
     * The sends below hand the address as given (perhaps relative) to the envelope and the
     * delivery, which look it up by namespace and name: a send allocates its envelope and
     * nothing else. The namespace is always the sender's, or default without a sender, which is
     * what Envelope.target() resolves a relative address in.
     */

    void send(Address sender, String namespace, Address to, Object payload, Map<String, String> headers) {
        checkOpen(to, namespace);
        ContainerEndpoint full = delivery.offer(to, namespace, new Envelope(to, sender, payload, headers, null, false));
        if (full != null) {
            Delivery.yieldIfVirtual();
            throw new MailboxFullException(full.address(), full.capacity());
        }
    }

    void send(Address sender, String namespace, Address to, Object payload, Duration maxWait)
            throws InterruptedException {
        long waitNanos = waitNanos(maxWait);
        checkOpen(to, namespace);
        ContainerEndpoint full = place(to, namespace, new Envelope(to, sender, payload, Map.of(), null, false),
                waitNanos);
        if (full != null) {
            throw new MailboxFullException(full.address(), full.capacity(), waitNanos > 0 ? maxWait : Duration.ZERO);
        }
    }

    boolean trySend(Address sender, String namespace, Address to, Object payload) {
        checkOpen(to, namespace);
        if (delivery.offer(to, namespace, new Envelope(to, sender, payload, Map.of(), null, false)) == null) {
            return true;
        }
        Delivery.yieldIfVirtual();
        return false;
    }

    CompletableFuture<Object> request(Address sender, String namespace, Address to, Object payload,
                                      Map<String, String> headers, Duration timeout) {
        long timeoutNanos = timeoutNanos(timeout);
        Objects.requireNonNull(to, "to");
        Address target = to.resolveIn(namespace);
        PendingRequest reply = new PendingRequest(this, target, timeout);
        if (closed) {
            reply.abandon();
            return reply;
        }
        ContainerEndpoint full;
        try {
            full = delivery.offer(target, namespace, new Envelope(target, sender, payload, headers, reply, false));
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        return accepted(reply, full, timeoutNanos, Duration.ZERO);
    }

    CompletableFuture<Object> request(Address sender, String namespace, Address to, Object payload,
                                      Duration timeout, Duration maxWait) throws InterruptedException {
        long timeoutNanos = timeoutNanos(timeout);
        long waitNanos = waitNanos(maxWait);
        Objects.requireNonNull(to, "to");
        Address target = to.resolveIn(namespace);
        PendingRequest reply = new PendingRequest(this, target, timeout);
        if (closed) {
            reply.abandon();
            return reply;
        }
        ContainerEndpoint full;
        try {
            full = place(target, namespace, new Envelope(target, sender, payload, Map.of(), reply, false), waitNanos);
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        return accepted(reply, full, timeoutNanos, waitNanos > 0 ? maxWait : Duration.ZERO);
    }

    /** After the offer: fail the request if no mailbox took it, else start its timeout (from now). */
    PendingRequest accepted(PendingRequest reply, ContainerEndpoint full, long timeoutNanos, Duration waited) {
        if (full != null) {
            reply.completeExceptionally(new MailboxFullException(full.address(), full.capacity(), waited));
        } else if (!reply.isDone()) {
            reply.deadlineTick = wheel.tickFor(System.nanoTime() + timeoutNanos);
            wheel.schedule(reply);
        }
        return reply;
    }

    /**
     * Offer, and wait up to {@code waitNanos} for room if every mailbox was full; the full
     * endpoint, or null. The wait is timed from the first refusal: a send that finds room reads
     * no clock.
     */
    private ContainerEndpoint place(Address to, String namespace, Envelope envelope, long waitNanos)
            throws InterruptedException {
        ContainerEndpoint full = delivery.offer(to, namespace, envelope);
        if (full == null || waitNanos <= 0) {
            return full;
        }
        return delivery.await(to.resolveIn(namespace), envelope, full, System.nanoTime() + waitNanos);
    }

    /** @throws RouterClosedException naming {@code to}, resolved in {@code namespace}, once the router is closed */
    private void checkOpen(Address to, String namespace) {
        Objects.requireNonNull(to, "to");
        if (closed) {
            throw new RouterClosedException(to.resolveIn(namespace));
        }
    }

    /** @throws RouterClosedException naming {@code target} once the router is closed */
    void checkOpen(Address target) {
        if (closed) {
            throw new RouterClosedException(target);
        }
    }

    private static long waitNanos(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            return 0;
        }
        return maxWait.compareTo(MAX_WAIT) > 0 ? MAX_TIMEOUT_NANOS : maxWait.toNanos();
    }

    private static long timeoutNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + timeout);
        }
        return timeout.compareTo(MAX_WAIT) > 0 ? MAX_TIMEOUT_NANOS : timeout.toNanos();
    }

    /**
     * An immutable copy of {@code headers}.
     *
     * @throws NullPointerException naming the header whose name or value is null (before
     *                              anything is sent)
     */
    private static Map<String, String> copy(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        headers.forEach((name, value) -> {
            if (name == null) {
                throw new NullPointerException("a header has a null name (its value is \"" + value
                        + "\"): give it a name or leave it out");
            }
            if (value == null) {
                throw new NullPointerException("header \"" + name + "\" has a null value: give it a value or leave"
                        + " it out");
            }
        });
        return Map.copyOf(headers);
    }

    // ---- counters and lifecycle ----

    /** The fire-and-forget messages that could not be handled. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** How many replies came after their request had timed out (they were dropped). */
    public long lateReplies() {
        return lateReplies.sum();
    }

    void countLateReply() {
        lateReplies.increment();
    }

    TimeoutWheel wheel() {
        return wheel;
    }

    /**
     * Stop routing: sends throw and new requests fail with {@link RouterClosedException}, pending
     * requests complete with it, and the timeout thread ends. Stop the runtime first, so its
     * containers answer or fail what they hold. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        RemoteRouting routing = remote;
        if (routing != null) {
            routing.close();
        }
        try {
            wheel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the k4s-timeouts thread to end", e);
        }
    }
}
