package io.k4s.core.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Carry messages between the nodes (JVMs) of one cluster: what a {@link Router} uses for
 * containers that run on another node.
 *
 * <p>Without a transport (the default, one JVM) the router delivers only to its own containers
 * and none of this is touched. With one, the router sends to a node by name; the transport
 * delivers what arrives for this node to the {@link Inbound} it was {@linkplain #start started}
 * with. Payloads are bytes already encoded ({@link io.k4s.core.wire.PayloadCodecs}), so a
 * transport never sees user types.
 *
 * <p>Contract: {@link #send} is at most once (it may be lost, never duplicated);
 * {@link #request}'s future completes at most once, with the reply or a failure, and a transport
 * should fail it with a typed {@link io.k4s.api.K4sException} as soon as it knows no reply can
 * come (no such node subscribed, connection closed); the router's own timeout ends it otherwise.
 * Every method may be called from any thread, concurrently.
 */
public interface Transport extends AutoCloseable {

    /** Receive what other nodes send to this one; called by the transport's threads. */
    interface Inbound {

        /**
         * Deliver {@code message} to a container of this node. Call {@code replies} with the
         * outcome of a request, and with the failure of a fire-and-forget message this node could
         * not take (the sender counts it); it must not block.
         */
        void deliver(WireMessage message, Replies replies);

        /** Another node refused a fire-and-forget message this node sent; the sender records it. */
        void refused(WireMessage.Refusal refusal);

        /** Node {@code node} published how many messages wait in each of its containers' mailboxes. */
        default void load(String node, byte[] report) {}
    }

    /** Where the outcome of one delivered message goes: to the requester, or back to the sender of a refused message. */
    @FunctionalInterface
    interface Replies {
        /** Send {@code reply} back; at most once per message. */
        void reply(WireReply reply);
    }

    /**
     * Start carrying messages for node {@code node}: subscribe to what is sent to it and hand
     * that to {@code inbound}. Called once, before anything is sent.
     */
    void start(String node, Inbound inbound);

    /** Whether messages can be sent now (connected to the other nodes). */
    boolean connected();

    /** Send a fire-and-forget message to node {@code node}; at most once. */
    void send(String node, WireMessage message);

    /**
     * Send a request to node {@code node}; the future completes with its reply, or fails with a
     * typed exception naming the target when the transport knows none will come.
     *
     * @param timeout how long the requester waits (the transport may forget the request after it)
     */
    CompletableFuture<WireReply> request(String node, WireMessage message, Duration timeout);

    /** Tell the other nodes how busy this node's containers are (bytes the router made); may be dropped. */
    default void publishLoad(byte[] report) {}

    /** Stop: no more deliveries; pending requests of this node fail or are left to their timeouts. */
    @Override
    void close();
}
