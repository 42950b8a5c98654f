package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.Message;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carry one message through a mailbox: the {@link Message} a worker receives, and the
 * reply future of a request.
 *
 * <p>One object per message: it is the {@code Message} itself. Immutable except for the reply,
 * which {@link #complete} or {@link #fail} settles once; both are safe from any thread (a
 * worker may reply later from a {@code CompletionStage}).
 */
public final class Envelope implements Message {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id;
    private final Address target;
    private final Address sender;
    private final Object payload;
    private final Map<String, String> headers;
    private final PendingRequest reply;
    private final boolean timer;
    private final Object tickSource;
    /** When a request was handed to the router ({@link System#nanoTime()}); 0 for other messages. */
    private final long sentNanos;

    Envelope(Address target, Address sender, Object payload, Map<String, String> headers,
             PendingRequest reply, boolean timer) {
        this(target, sender, payload, headers, reply, timer, null);
    }

    private Envelope(Address target, Address sender, Object payload, Map<String, String> headers,
                     PendingRequest reply, boolean timer, Object tickSource) {
        this.id = IDS.incrementAndGet();
        this.target = target;
        this.sender = sender;
        this.payload = payload;
        this.headers = headers;
        this.reply = reply;
        this.timer = timer;
        this.tickSource = tickSource;
        // Read only for requests: a send or a tick has no reply to time, and pays no clock read.
        this.sentNanos = reply != null ? System.nanoTime() : 0;
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
        return new Envelope(Objects.requireNonNull(container, "container"), null, tick, Map.of(), null, true,
                source);
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
        return timer;
    }

    /** The timer that sent this tick, as given to {@link #timerTick(Address, Object, Object)}, or {@code null}. */
    public Object tickSource() {
        return tickSource;
    }

    /**
     * When this request was handed to the router, as a {@link System#nanoTime()} reading (so
     * the time to its reply covers the wait in the mailbox and the handle); 0 unless
     * {@link #replyExpected()}.
     */
    public long sentNanos() {
        return sentNanos;
    }

    /** How long the requester of this message waits; only for a request ({@link #replyExpected()}). */
    Duration replyTimeout() {
        return reply.timeout();
    }

    /** Where the sender addressed the message (a service or a container), with its namespace. */
    public Address target() {
        return target;
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
        return "Envelope[id=" + id + ", to=" + target + (sender != null ? ", from=" + sender : "")
                + (reply != null ? ", request" : "") + (timer ? ", timer" : "") + "]";
    }
}
