package io.k4s.api.runtime;

import io.k4s.api.resource.ResourceKey;
import java.util.Objects;

/**
 * Report one container's message metrics since it was first started (across its restarts): a
 * snapshot that is cheap to take, read without locks while messages flow.
 *
 * <p>While the container runs, {@code received} = {@code handled + failed + pendingReplies +
 * queued} + the message being handled (if any) + messages it lost when it crashed or stopped
 * (failed with a typed error or recorded as dead letters, and not counted here).
 *
 * @param key            the container's namespace and name
 * @param received       messages accepted into its mailbox: requests, sends and timer ticks
 * @param handled        messages whose {@code handle} returned, or whose returned
 *                       {@code CompletionStage} completed normally
 * @param failed         messages whose {@code handle} threw, or whose stage failed
 * @param queued         messages waiting in its mailbox now
 * @param pendingReplies messages whose {@code handle} returned a {@code CompletionStage} that has
 *                       not completed yet
 * @param busyNanos      total time spent inside {@code handle}, in nanoseconds (the part before
 *                       a returned stage completes is not counted)
 * @param handleTimes    how long each {@code handle} took
 * @param restarts       how often it was restarted
 * @param longHandles    handles (or starts) that held a virtual thread's carrier longer than the
 *                       runtime's long-handle threshold
 * @param ticksDropped   timer ticks not delivered: coalesced with a tick still waiting, or the
 *                       mailbox was full or closed
 */
public record ContainerMetrics(ResourceKey key, long received, long handled, long failed, int queued,
                               int pendingReplies, long busyNanos, HandleTimes handleTimes, int restarts,
                               long longHandles, long ticksDropped, HandleTimes requestTimes,
                               long requestNanos) {

    /** Requires key, handle times and request times. */
    public ContainerMetrics {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(handleTimes, "handleTimes");
        Objects.requireNonNull(requestTimes, "requestTimes");
    }
}
