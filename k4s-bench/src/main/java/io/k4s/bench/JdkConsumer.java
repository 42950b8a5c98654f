package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.MailboxFullException;
import io.k4s.api.Worker;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.ObjectMeta;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drain one bounded queue on one virtual thread and hand each payload to one worker: a worker
 * of the plain-JDK fabric.
 *
 * <p>{@link #offer} and {@link #stop} may be called from any thread; {@link #run} is the
 * consumer's own thread.
 */
final class JdkConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JdkConsumer.class);

    /** One queued payload, with the future to complete when a reply is expected. */
    record Envelope(Object payload, CompletableFuture<Object> reply) {}

    private static final Envelope STOP = new Envelope(null, null);

    private final String name;
    private final Address address;
    private final Worker worker;
    private final HostedContext context;
    private final int capacity;
    private final ArrayBlockingQueue<Envelope> queue;
    private final CountDownLatch started;
    private long sequence;
    private volatile Exception startFailure;

    JdkConsumer(String name, Worker worker, HostedContext context, int capacity, CountDownLatch started) {
        this.name = name;
        this.address = Address.container(ObjectMeta.DEFAULT_NAMESPACE, name);
        this.worker = worker;
        this.context = context;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.started = started;
    }

    String name() {
        return name;
    }

    /** Why the worker failed to start, or {@code null}; read after the start latch opened. */
    Exception startFailure() {
        return startFailure;
    }

    int backlog() {
        return queue.size();
    }

    /** Queue {@code envelope}, or refuse it when the queue is full. */
    void offer(Envelope envelope) {
        if (!queue.offer(envelope)) {
            throw new MailboxFullException(address, capacity);
        }
    }

    /** Queue {@code envelope} if the queue has room now; whether it did. */
    boolean tryOffer(Envelope envelope) {
        return queue.offer(envelope);
    }

    /** Queue {@code envelope}, waiting up to {@code maxWait} for room, or refuse it. */
    void offer(Envelope envelope, Duration maxWait) throws InterruptedException {
        if (!queue.offer(envelope, maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new MailboxFullException(address, capacity, maxWait);
        }
    }

    /** Ask the consumer to stop after what is queued; waits while the queue is full. */
    void stop() {
        try {
            queue.put(STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while asking the consumer to stop", e);
        }
    }

    @Override
    public void run() {
        try {
            worker.start(context);
        } catch (Exception e) {
            startFailure = e;
            return;
        } finally {
            started.countDown();
        }
        try {
            for (Envelope e = queue.take(); e != STOP; e = queue.take()) {
                deliver(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopWorker();
        }
    }

    private void deliver(Envelope envelope) {
        CompletableFuture<Object> reply = envelope.reply();
        try {
            Object result = worker.handle(new HostedMessage(++sequence, envelope.payload(), reply != null), context);
            if (reply == null) {
                return;
            }
            if (result instanceof CompletionStage<?> later) {
                later.whenComplete((value, failure) -> {
                    if (failure != null) {
                        reply.completeExceptionally(new WorkerFailedException(address, failure));
                    } else {
                        reply.complete(value);
                    }
                });
            } else {
                reply.complete(result);
            }
        } catch (Exception e) {
            if (reply != null) {
                reply.completeExceptionally(new WorkerFailedException(address, e));
            } else {
                LOG.warn("{}: dead letter, the worker failed on a fire-and-forget message", name, e);
            }
        }
    }

    private void stopWorker() {
        try {
            worker.stop(context);
        } catch (Exception e) {
            LOG.warn("{}: worker failed to stop cleanly", name, e);
        }
    }
}
