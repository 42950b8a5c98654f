package io.k4s.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.NoEndpointsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.routing.Pool;
import org.apache.pekko.routing.RandomPool;
import org.apache.pekko.routing.RoundRobinPool;
import org.apache.pekko.routing.SmallestMailboxPool;

/**
 * Run stages on Apache Pekko classic actors: one pool router per stage ({@code RoundRobinPool},
 * {@code RandomPool} or {@code SmallestMailboxPool}) whose routees each host one worker.
 *
 * <p>Pekko runs with its defaults (fork-join dispatcher, throughput 5, unbounded mailboxes);
 * only logging is turned down. {@code send} is {@code tell}; {@code request} is
 * {@link Patterns#ask}.
 */
final class PekkoFabric implements Fabric, Messenger {

    private static final Config CONFIG = ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = WARNING
            pekko.log-dead-letters = 0
            pekko.log-dead-letters-during-shutdown = off
            """).withFallback(ConfigFactory.load(PekkoFabric.class.getClassLoader()));

    private final ActorSystem system;
    private final Map<String, ActorRef> routers = new HashMap<>();
    private boolean closed;

    private PekkoFabric(ActorSystem system) {
        this.system = system;
    }

    static PekkoFabric start(List<Stage> stages) {
        PekkoFabric fabric = new PekkoFabric(
                ActorSystem.create("k4s-bench", CONFIG, PekkoFabric.class.getClassLoader()));
        for (Stage stage : stages) {
            AtomicInteger index = new AtomicInteger();
            Props routee = Props.create(PekkoWorkerActor.class, () -> {
                String name = stage.name() + "-" + index.getAndIncrement();
                return new PekkoWorkerActor(WorkerTypes.create(stage.worker()),
                        new HostedContext(name, stage.params(), fabric));
            });
            Pool pool = switch (stage.loadBalancing()) {
                case ROUND_ROBIN -> new RoundRobinPool(stage.replicas());
                case RANDOM -> new RandomPool(stage.replicas());
                case LEAST_LOADED -> new SmallestMailboxPool(stage.replicas());
            };
            fabric.routers.put(stage.name(), fabric.system.actorOf(pool.props(routee), stage.name()));
        }
        return fabric;
    }

    @Override
    public Variant variant() {
        return Variant.PEKKO;
    }

    @Override
    public Messenger messenger() {
        return this;
    }

    @Override
    public void send(Address to, Object payload) {
        router(to).tell(payload, ActorRef.noSender());
    }

    /** {@code tell}: Pekko's mailboxes are unbounded, so there is never room to wait for. */
    @Override
    public void send(Address to, Object payload, Duration maxWait) {
        send(to, payload);
    }

    /** {@code tell}, always accepted (unbounded mailboxes). */
    @Override
    public boolean trySend(Address to, Object payload) {
        send(to, payload);
        return true;
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload) {
        return request(to, payload, REQUEST_TIMEOUT);
    }

    @Override
    public CompletableFuture<Object> request(Address to, Object payload, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request to " + to + ": timeout must be positive, got " + timeout);
        }
        return Patterns.ask(router(to), new PekkoWorkerActor.Ask(payload), timeout)
                .toCompletableFuture()
                .thenApply(PekkoWorkerActor::unwrapReply);
    }

    private ActorRef router(Address to) {
        ActorRef router = routers.get(to.name());
        if (router == null || to.kind() != Address.Kind.SERVICE) {
            throw new NoEndpointsException(to);
        }
        return router;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pekko fabric: interrupted while terminating the actor system", e);
        } catch (Exception e) {
            throw new IllegalStateException("pekko fabric: the actor system did not terminate within 30 s", e);
        }
    }
}
