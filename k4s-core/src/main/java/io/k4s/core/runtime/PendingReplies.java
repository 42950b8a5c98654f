package io.k4s.core.runtime;

import io.k4s.core.messaging.Envelope;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The messages of one run whose handler returned a {@code CompletionStage} that has not
 * completed yet. Each is settled once: by its stage (handled or failed), or, if the run ends
 * first, as terminated. A draining run waits for them within its grace period.
 *
 * <p>Thread-safe: stages complete on any thread; whoever removes a message from the set settles
 * it. {@link #awaitSome} is for the run's thread only.
 */
final class PendingReplies {

    private final MessageOutcomes outcomes;
    /** Created with the first open reply, so the many containers that never return a stage do not pay for it. */
    private volatile Set<Envelope> open;
    private volatile Thread waiter;

    PendingReplies(MessageOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** Settle {@code e} when {@code stage} completes. */
    void track(Envelope e, CompletionStage<?> stage) {
        Set<Envelope> open = open();
        open.add(e);
        stage.whenComplete((value, error) -> {
            if (!open.remove(e)) {
                return; // the run ended first and settled it as terminated
            }
            if (error == null) {
                outcomes.handled(e, value, System.nanoTime());
            } else {
                outcomes.failed(e, unwrap(error), System.nanoTime());
            }
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        });
    }

    private Set<Envelope> open() {
        Set<Envelope> s = open;
        if (s == null) {
            synchronized (this) {
                s = open;
                if (s == null) {
                    s = ConcurrentHashMap.newKeySet();
                    open = s;
                }
            }
        }
        return s;
    }

    /** How many replies are still open. */
    int size() {
        Set<Envelope> s = open;
        return s == null ? 0 : s.size();
    }

    boolean isEmpty() {
        Set<Envelope> s = open;
        return s == null || s.isEmpty();
    }

    /** Park until a reply completes or {@code deadlineNanos} ({@link System#nanoTime()}) passes. Run's thread. */
    void awaitSome(long deadlineNanos) {
        waiter = Thread.currentThread();
        try {
            // An interrupt would make parking return at once; the deadline bounds the wait anyway.
            Thread.interrupted();
            if (!isEmpty()) {
                LockSupport.parkNanos(this, Math.max(1, deadlineNanos - System.nanoTime()));
            }
        } finally {
            waiter = null;
        }
    }

    /** The run ended: settle every reply still open as terminated. */
    void abandon(String reason) {
        Set<Envelope> open = this.open;
        if (open == null) {
            return;
        }
        for (Envelope e : open) {
            if (open.remove(e)) {
                outcomes.terminated(e, reason + " (its reply stage had not completed)");
            }
        }
    }

    @Override
    public String toString() {
        return "PendingReplies[" + size() + "]";
    }

    private static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                ? t.getCause() : t;
    }
}
