package io.k4s.workers.examples;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.Message;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.Params;
import io.k4s.api.Timer;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Send a numbered text message to a target on a schedule, driven by a container timer.
 *
 * <p>Parameters ({@code spec.params}):
 * <table>
 * <caption>generator parameters</caption>
 * <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code target}</td><td>address</td><td>required</td>
 *     <td>where to send, for example {@code service/processor}</td></tr>
 * <tr><td>{@code interval}</td><td>duration</td><td>{@code 1s}</td>
 *     <td>time between sends; the first send is one interval after start</td></tr>
 * <tr><td>{@code count}</td><td>int &ge; 0</td><td>0</td>
 *     <td>how many messages to send, then stop the timer; 0 means no limit</td></tr>
 * <tr><td>{@code template}</td><td>string</td><td>{@code message {n}}</td>
 *     <td>the message text; {@code {n}} becomes the sequence number (1, 2, ...) and
 *     {@code {container}} this container's name</td></tr>
 * <tr><td>{@code maxWait}</td><td>duration &ge; 0</td><td>{@code 1s}</td>
 *     <td>how long a send waits for room while the target's mailbox is full; {@code 0} never
 *     waits</td></tr>
 * </table>
 *
 * <p>Each tick tries to send message number {@code sent + 1}. A generator faster than its target
 * floods it, so it sends with back-pressure ({@link io.k4s.api.Messenger#send(Address, Object,
 * Duration)}): while every mailbox it could use is full, it waits up to {@code maxWait} for room,
 * and so slows down to the pace of its target (the ticks that come due meanwhile are dropped, as
 * a timer keeps at most one waiting). When the target cannot take the message (no ready endpoint,
 * container not running, still no room after {@code maxWait}, the container stopping while it
 * waits) the attempt is counted as skipped, logged at DEBUG, and the same number is tried on the
 * next tick; so {@code count} is the number of messages actually sent, numbered without gaps. A
 * request {@code "stats"} returns {@code {sent, skipped}}; any other message is rejected with an
 * {@link IllegalArgumentException}.
 *
 * <p>An instance belongs to one container and is called only on that container's thread.
 */
@WorkerType(value = "generator",
        description = "Send numbered messages from a template to a target on a timer.")
public final class GeneratorWorker implements Worker {

    /** The tick of the send timer. */
    private enum Tick { SEND }

    private Address target;
    private int count;
    private String template;
    private Timer timer;
    private Duration maxWait;
    private long sent;
    private long skipped;

    /** Create a generator worker; k4s calls this once per container. */
    public GeneratorWorker() {
    }

    /** Read and validate the parameters and start the send timer. */
    @Override
    public void start(WorkerContext context) {
        Params params = context.params();
        ParamRules.requireOnly(params, "generator", "target", "interval", "count", "template", "maxWait");
        target = ParamRules.requiredAddress(params, "target");
        Duration interval = ParamRules.positive(params, "interval", Duration.ofSeconds(1));
        count = ParamRules.atLeast(params, "count", 0, 0);
        template = params.string("template", "message {n}");
        maxWait = ParamRules.notNegative(params, "maxWait", Duration.ofSeconds(1));
        timer = context.every(interval, Tick.SEND);
    }

    /** Send the next message on a tick; answer a {@code "stats"} request. */
    @Override
    public Object handle(Message message, WorkerContext context) {
        if (message.timer()) {
            if (message.payload() != Tick.SEND) {
                throw new IllegalStateException("generator " + context.containerName()
                        + " received a timer tick it never scheduled: " + message.payload());
            }
            onTick(context);
            return null;
        }
        if (message.replyExpected() && "stats".equals(message.payload())) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("sent", sent);
            stats.put("skipped", skipped);
            return Collections.unmodifiableMap(stats);
        }
        throw new IllegalArgumentException("generator " + context.containerName()
                + " answers only the request \"stats\"; it got " + describe(message.payload()));
    }

    private void onTick(WorkerContext context) {
        if (done()) {
            return; // a tick that was already queued when the timer was cancelled
        }
        long n = sent + 1;
        String text = template.replace("{n}", Long.toString(n)).replace("{container}", context.containerName());
        try {
            context.messenger().send(target, text, maxWait);
            sent = n;
        } catch (NoEndpointsException | ContainerNotFoundException | MailboxFullException
                 | ContainerTerminatedException e) {
            skip(context, n, e.getMessage());
        } catch (InterruptedException e) {
            // The container is stopping (its grace period ended while this send waited for room).
            Thread.currentThread().interrupt();
            skip(context, n, "interrupted while waiting for room");
        }
        if (done()) {
            timer.cancel();
            context.log().info("sent {} messages to {}; stopped the timer", sent, target);
        }
    }

    private void skip(WorkerContext context, long n, String why) {
        skipped++;
        context.log().debug("skipped message {} to {} ({} skipped so far): {}", n, target, skipped, why);
    }

    private boolean done() {
        return count > 0 && sent >= count;
    }

    private static String describe(Object payload) {
        return payload == null ? "null" : payload.getClass().getSimpleName() + " " + payload;
    }
}
