package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The messenger of one container: its messages carry it as sender and resolve in its namespace. */
final class SenderMessenger implements Messenger {

    private final Router router;
    private final Address sender;

    SenderMessenger(Router router, Address sender) {
        this.router = router;
        this.sender = sender;
    }

    @Override
    public void send(Address to, Object payload) {
        router.send(sender, sender.namespace(), to, payload, Map.of());
    }

    @Override
    public void send(Address to, Object payload, Duration maxWait) throws InterruptedException {
        router.send(sender, sender.namespace(), to, payload, maxWait);
    }

    @Override
    public boolean trySend(Address to, Object payload) {
        return router.trySend(sender, sender.namespace(), to, payload);
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload) {
        return router.request(sender, sender.namespace(), to, payload, Map.of(),
                router.config().defaultRequestTimeout());
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload, Duration timeout) {
        return router.request(sender, sender.namespace(), to, payload, Map.of(), timeout);
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload, Duration timeout, Duration maxWait)
            throws InterruptedException {
        return router.request(sender, sender.namespace(), to, payload, timeout, maxWait);
    }

    @Override
    public String toString() {
        return "Messenger[from " + sender + "]";
    }
}
