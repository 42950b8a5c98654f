package io.k4s.api.resource;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Count a container's messages since it was first started.
 *
 * @param received    messages accepted into the mailbox
 * @param processed   messages whose handler returned normally
 * @param failed      messages whose handler threw
 * @param queued      messages waiting in the mailbox now
 * @param requests    requests the worker answered (with a reply or a failure)
 * @param requestTime the total time those requests took, each from the sender's hand-off to its
 *                    answer (mailbox wait plus handle), to the millisecond: {@code requestTime /
 *                    requests} is the mean request latency
 */
public record MessageCounters(long received, long processed, long failed, int queued, long requests,
                              Duration requestTime) {

    /** All zero. */
    public static final MessageCounters ZERO = new MessageCounters(0, 0, 0, 0);

    /** Counters are never negative. */
    public MessageCounters {
        Objects.requireNonNull(requestTime, "requestTime");
        if (received < 0 || processed < 0 || failed < 0 || queued < 0 || requests < 0 || requestTime.isNegative()) {
            throw new IllegalArgumentException("message counters must not be negative");
        }
    }

    /** Counters without request latency (none answered yet). */
    public MessageCounters(long received, long processed, long failed, int queued) {
        this(received, processed, failed, queued, 0, Duration.ZERO);
    }

    /** The mean time a request took to its answer, or empty before the first one. */
    public Optional<Duration> meanRequestTime() {
        return requests == 0 ? Optional.empty() : Optional.of(requestTime.dividedBy(requests));
    }
}
