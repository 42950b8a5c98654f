package io.k4s.api.resource;

/**
 * Count a container's messages since it was first started.
 *
 * @param received  messages accepted into the mailbox
 * @param processed messages whose handler returned normally
 * @param failed    messages whose handler threw
 * @param queued    messages waiting in the mailbox now
 */
public record MessageCounters(long received, long processed, long failed, int queued) {

    /** All zero. */
    public static final MessageCounters ZERO = new MessageCounters(0, 0, 0, 0);

    /** Counters are never negative. */
    public MessageCounters {
        if (received < 0 || processed < 0 || failed < 0 || queued < 0) {
            throw new IllegalArgumentException("message counters must not be negative");
        }
    }
}
