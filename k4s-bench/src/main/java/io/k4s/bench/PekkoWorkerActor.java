package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.Worker;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.ObjectMeta;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host one worker in a Pekko classic actor: {@code preStart} starts it, every message is handed
 * to {@link Worker#handle}, an {@link Ask} is answered to its sender, and {@code postStop} stops
 * it. Pekko calls it on one thread at a time, as k4s calls a worker.
 */
final class PekkoWorkerActor extends AbstractActor {

    private static final Logger LOG = LoggerFactory.getLogger(PekkoWorkerActor.class);

    /** A payload whose sender waits for the reply. */
    record Ask(Object payload) {}

    /** Stands for a {@code null} reply, which Pekko cannot carry. */
    private enum NullReply { INSTANCE }

    private final Worker worker;
    private final HostedContext context;
    private final Address address;
    private long sequence;

    PekkoWorkerActor(Worker worker, HostedContext context) {
        this.worker = worker;
        this.context = context;
        this.address = Address.container(ObjectMeta.DEFAULT_NAMESPACE, context.containerName());
    }

    static Object unwrapReply(Object reply) {
        return reply == NullReply.INSTANCE ? null : reply;
    }

    @Override
    public void preStart() throws Exception {
        worker.start(context);
    }

    @Override
    public void postStop() throws Exception {
        worker.stop(context);
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder().matchAny(this::onMessage).build();
    }

    private void onMessage(Object message) {
        boolean ask = message instanceof Ask;
        Object payload = ask ? ((Ask) message).payload() : message;
        ActorRef sender = getSender();
        try {
            Object result = worker.handle(new HostedMessage(++sequence, payload, ask), context);
            if (!ask) {
                return;
            }
            if (result instanceof CompletionStage<?> later) {
                ActorRef self = getSelf();
                later.whenComplete((value, failure) -> sender.tell(
                        failure != null ? new Status.Failure(new WorkerFailedException(address, failure)) : wrap(value),
                        self));
            } else {
                sender.tell(wrap(result), getSelf());
            }
        } catch (Exception e) {
            if (ask) {
                sender.tell(new Status.Failure(new WorkerFailedException(address, e)), getSelf());
            } else {
                LOG.warn("{}: dead letter, the worker failed on a fire-and-forget message", context.containerName(), e);
            }
        }
    }

    private static Object wrap(Object value) {
        return value == null ? NullReply.INSTANCE : value;
    }
}
