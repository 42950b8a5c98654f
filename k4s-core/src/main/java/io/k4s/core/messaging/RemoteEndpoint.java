package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.K4sException;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.wire.Encoded;
import io.k4s.core.wire.Failures;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * A container that runs on another node, as the {@link Router} sees it: offering a message
 * encodes it and hands it to the {@link Transport}.
 *
 * <p>An offer never reports a full mailbox at once (the mailbox is on the other node): a request
 * the other node cannot take fails with its typed failure when that comes back; a refused
 * fire-and-forget message is reported back and recorded as a dead letter here. Not ready, and
 * offers fail with {@link ContainerTerminatedException}, while the transport is disconnected.
 * {@link #queued()} is what the node last {@linkplain Transport#publishLoad published}.
 *
 * <p>Thread-safe; called by sending threads.
 */
final class RemoteEndpoint implements ContainerEndpoint {

    private final RemoteRouting routing;
    private final Address address;
    private final ResourceKey key;
    final String node;
    /** The queue length the node last reported; written by the transport's thread. */
    volatile int queued;
    /** The mailbox capacity the node last reported, 0 until then. */
    volatile int capacity;
    private final WaitingSenders waiting = new WaitingSenders();

    RemoteEndpoint(RemoteRouting routing, Address address, String node) {
        this.routing = routing;
        this.address = address;
        this.key = ResourceKey.of(address.namespace(), address.name());
        this.node = node;
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public ResourceKey key() {
        return key;
    }

    @Override
    public boolean ready() {
        return routing.transport().connected();
    }

    @Override
    public boolean accepting() {
        return ready();
    }

    @Override
    public int queued() {
        return queued;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /**
     * Encode the message and send it to the container's node.
     *
     * @throws io.k4s.api.PayloadNotEncodableException if the payload cannot be encoded (nothing sent)
     * @throws ContainerTerminatedException if the transport is not connected (nothing sent)
     */
    @Override
    public boolean offer(Envelope envelope) {
        Transport transport = routing.transport();
        if (!transport.connected()) {
            throw new ContainerTerminatedException(address, "its node " + node + " cannot be reached: the transport"
                    + " is not connected; nothing was sent");
        }
        Encoded payload = routing.codecs().encode(address, envelope.payload());
        long timeoutMillis = envelope.replyExpected() ? Math.max(1, envelope.replyTimeout().toMillis()) : 0;
        WireMessage message = new WireMessage(address, envelope.target(), envelope.sender().orElse(null),
                routing.node(), envelope.headers(), payload, timeoutMillis);
        if (!envelope.replyExpected()) {
            transport.send(node, message);
            return true;
        }
        transport.request(node, message, envelope.replyTimeout()).whenComplete((reply, error) -> {
            if (error != null) {
                envelope.fail(typed(error));
            } else if (reply.failure() != null) {
                envelope.fail(Failures.decode(reply.failure(), address));
            } else {
                try {
                    envelope.complete(routing.codecs().decode(reply.value()));
                } catch (RuntimeException e) {
                    envelope.fail(new K4sException(address + ": the reply from node " + node
                            + " could not be decoded: " + e.getMessage(), e));
                }
            }
        });
        return true;
    }

    private K4sException typed(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof K4sException k) {
            return k;
        }
        if (e instanceof CancellationException) {
            return new ContainerTerminatedException(address, "the request to node " + node + " was cancelled");
        }
        return new ContainerTerminatedException(address, "the transport to node " + node + " failed: " + e);
    }

    @Override
    public WaitingSenders waitingSenders() {
        return waiting; // an offer never refuses for room, so nobody waits here
    }

    @Override
    public String toString() {
        return "RemoteEndpoint[" + address + " on " + node + "]";
    }
}
