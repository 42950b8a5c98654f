package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.Message;
import io.k4s.api.resource.ObjectMeta;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carry one message through a mailbox: the {@link Message} a worker receives, and the
 * reply future of a request.
 *
 * <p>One object per message: it is the {@code Message} itself, kept small because every
 * message allocates one (a request's send time lives in its {@link PendingRequest}, a tick's
 * flag in {@link #tickSource}). Immutable except for the reply, which {@link #complete} or
 * {@link #fail} settles once; both are safe from any thread (a worker may reply later from a
 * {@code CompletionStage}).
 *
 * <p>It is also its own node in the mailbox that holds it ({@link #mailboxNext}): a mailbox
 * allocates nothing per message. So an envelope goes into at most one mailbox, once; every send
 * makes a new one.
 */
public final class Envelope implements Message {

    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Envelope.class, "next", Envelope.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The {@link #tickSource} of a tick whose timer was not named. */
    private static final Object UNNAMED_TIMER = new Object();

    private final long id;
    /** As the sender addressed it: relative addresses resolve in the sender's namespace, or default. */
    private final Address target;
    private final Address sender;
    private final Object payload;
    private final Map<String, String> headers;
    private final PendingRequest reply;
    /** The timer that sent this tick ({@link #UNNAMED_TIMER} if none was named); null for other messages. */
    private final Object tickSource;
    /** The envelope linked after this one in its mailbox; see {@link #mailboxNext}. */
    private Envelope next;

    /**
     * A message to {@code target}, which may be relative: it then resolves in the namespace of
     * {@code sender}, or in {@code default} without a sender (what the {@link Router} resolves
     * it in), when {@link #target()} is asked for.
     */
    Envelope(Address target, Address sender, Object payload, Map<String, String> headers,
             PendingRequest reply, boolean timer) {
        this(target, sender, payload, headers, reply, timer ? UNNAMED_TIMER : null);
    }

    private Envelope(Address target, Address sender, Object payload, Map<String, String> headers,
                     PendingRequest reply, Object tickSource) {
        this.id = IDS.incrementAndGet();
        this.target = target;
        this.sender = sender;
        this.payload = payload;
        this.headers = headers;
        this.reply = reply;
        this.tickSource = tickSource;
    }

    /**
     * Make the placeholder node a mailbox starts with and links in again whenever it takes its
     * last envelope; never delivered.
     */
    public static Envelope mailboxStub() {
        return new Envelope(Address.container(ObjectMeta.DEFAULT_NAMESPACE, "mailbox-stub"), null, null, Map.of(),
                null, null);
    }

    /** The envelope linked after this one in its mailbox, or {@code null} (acquire): mailbox use only. */
    public Envelope mailboxNext() {
        return (Envelope) NEXT.getAcquire(this);
    }

    /**
     * Link {@code following} after this envelope (release, so the consumer that reads it sees
     * the whole envelope); mailbox use only: the producer that put {@code following} at the tail.
     */
    public void mailboxLink(Envelope following) {
        NEXT.setRelease(this, following);
    }

    /**
     * Forget the link, once it was read: a taken envelope that a worker keeps then keeps no
     * later message alive, and the stub can be linked again. Mailbox use only: the consumer.
     */
    public void mailboxUnlink() {
        next = null;
    }

    /**
     * Make a tick of one of {@code container}'s own timers; the runtime delivers it into that
     * container's mailbox.
     */
    public static Envelope timerTick(Address container, Object tick) {
        return timerTick(container, tick, null);
    }

    /**
     * Make a tick of one of {@code container}'s own timers, remembering which timer sent it
     * ({@link #tickSource()}), so the runtime can tell that timer when the tick is taken.
     */
    public static Envelope timerTick(Address container, Object tick, Object source) {
        return new Envelope(Objects.requireNonNull(container, "container"), null, tick, Map.of(), null,
                source != null ? source : UNNAMED_TIMER);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Object payload() {
        return payload;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public Optional<Address> sender() {
        return Optional.ofNullable(sender);
    }

    @Override
    public boolean replyExpected() {
        return reply != null;
    }

    @Override
    public boolean timer() {
        return tickSource != null;
    }

    /** The timer that sent this tick, as given to {@link #timerTick(Address, Object, Object)}, or {@code null}. */
    public Object tickSource() {
        return tickSource == UNNAMED_TIMER ? null : tickSource;
    }

    /**
     * When this request was handed to the router, as a {@link System#nanoTime()} reading (so
     * the time to its reply covers the wait in the mailbox and the handle); 0 unless
     * {@link #replyExpected()}.
     */
    public long sentNanos() {
        return reply != null ? reply.sentNanos : 0;
    }

    /** How long the requester of this message waits; only for a request ({@link #replyExpected()}). */
    Duration replyTimeout() {
        return reply.timeout();
    }

    /** Where the sender addressed the message (a service or a container), with its namespace. */
    public Address target() {
        if (target.namespace() != null) {
            return target;
        }
        String namespace = sender != null ? sender.namespace() : null;
        return target.resolveIn(namespace != null ? namespace : ObjectMeta.DEFAULT_NAMESPACE);
    }

    /**
     * Answer the request with {@code value}; does nothing for fire-and-forget messages. A reply
     * after the request timed out is dropped and counted by the router.
     */
    public void complete(Object value) {
        if (reply != null) {
            reply.answer(value);
        }
    }

    /**
     * Fail the request with {@code error} (a {@link io.k4s.api.K4sException} that names the
     * container); does nothing for fire-and-forget messages.
     */
    public void fail(Throwable error) {
        if (reply != null) {
            reply.answerError(error);
        }
    }

    @Override
    public String toString() {
        return "Envelope[id=" + id + ", to=" + target() + (sender != null ? ", from=" + sender : "")
                + (reply != null ? ", request" : "") + (timer() ? ", timer" : "") + "]";
    }
}
