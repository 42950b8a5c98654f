package io.k4s.core.runtime;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Run the ticks of worker timers when they come due. The runtime's own scheduler (one platform
 * thread, {@code k4s-timers}) is the default; a test passes one driven by a test clock, so
 * timers fire when the test moves time on instead of when real time has passed.
 *
 * <p>Implementations must be thread-safe: workers create and cancel timers from any thread.
 * A tick task is short and never blocks (it offers a tick to a mailbox); what it throws is
 * already logged by the runtime.
 */
public interface TimerScheduler {

    /** Run {@code tick} once after {@code delay}; cancelling the returned future stops it. */
    Future<?> schedule(Runnable tick, Duration delay);

    /** Run {@code tick} every {@code period}, the first time one period from now, until the returned future is cancelled. */
    Future<?> scheduleAtFixedRate(Runnable tick, Duration period);
}
