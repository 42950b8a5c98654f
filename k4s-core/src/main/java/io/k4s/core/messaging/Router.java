package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.Messenger;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
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
 * <p>Thread-safe. Sending is lock-free; registration and endpoint updates take a lock.
 */
public final class Router implements Messenger, AutoCloseable {

    private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;

    private final RouterConfig config;
    private final Directory directory = new Directory();
    private final TimeoutWheel wheel;
    private final DeadLetters deadLetters;
    private final LongAdder lateReplies = new LongAdder();
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
    public CompletableFuture<Object> request(Address to, Object payload) {
        return request(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, Map.of(), config.defaultRequestTimeout());
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload, Duration timeout) {
        return request(null, ObjectMeta.DEFAULT_NAMESPACE, to, payload, Map.of(), timeout);
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

    void send(Address sender, String namespace, Address to, Object payload, Map<String, String> headers) {
        Objects.requireNonNull(to, "to");
        Address target = to.resolveIn(namespace);
        if (closed) {
            throw new RouterClosedException(target);
        }
        dispatch(target, new Envelope(target, sender, payload, headers, null, false));
    }

    CompletableFuture<Object> request(Address sender, String namespace, Address to, Object payload,
                                      Map<String, String> headers, Duration timeout) {
        Objects.requireNonNull(to, "to");
        long timeoutNanos = timeoutNanos(timeout);
        Address target = to.resolveIn(namespace);
        PendingRequest reply = new PendingRequest(this, target, timeout,
                wheel.tickFor(System.nanoTime() + timeoutNanos));
        if (closed) {
            reply.abandon();
            return reply;
        }
        try {
            dispatch(target, new Envelope(target, sender, payload, headers, reply, false));
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        if (!reply.isDone()) {
            wheel.schedule(reply);
        }
        return reply;
    }

    private void dispatch(Address target, Envelope envelope) {
        if (target.kind() == Address.Kind.CONTAINER) {
            ContainerEndpoint c = directory.container(target);
            if (c == null) {
                throw new ContainerNotFoundException(target);
            }
            c.deliver(envelope);
            return;
        }
        Endpoints endpoints = directory.service(target);
        if (endpoints == null) {
            throw NoEndpointsException.unknownService(target);
        }
        for (int attempt = 0; ; attempt++) {
            ContainerEndpoint c = endpoints.pick();
            try {
                c.deliver(envelope);
                return;
            } catch (ContainerTerminatedException | ContainerNotFoundException gone) {
                // It stopped between the pick and the delivery (and is no longer ready): pick again.
                if (attempt >= endpoints.size()) {
                    throw gone;
                }
            }
        }
    }

    private static long timeoutNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + timeout);
        }
        try {
            return Math.min(timeout.toNanos(), MAX_TIMEOUT_NANOS);
        } catch (ArithmeticException tooLong) {
            return MAX_TIMEOUT_NANOS;
        }
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
        try {
            wheel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the k4s-timeouts thread to end", e);
        }
    }
}
