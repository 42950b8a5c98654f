package io.k4s.api;

import java.time.Duration;

/**
 * Report that a container's {@code handle} ran longer than its {@code resources.handleTimeout}: the
 * request fails with this, the handler's thread is interrupted, and the container counts as not
 * alive (a liveness failure), so it is restarted per its {@code restartPolicy}.
 *
 * <p>What to do: make the handler shorter (reply later with a {@code CompletionStage}), or
 * raise {@code resources.handleTimeout}.
 */
public class HandleTimeoutException extends K4sException {

    private final Address container;
    private final Duration timeout;

    /** The handler of {@code container} ran past {@code timeout}. */
    public HandleTimeoutException(Address container, Duration timeout) {
        super(container + ": handle ran longer than its handleTimeout (" + timeout
                + "); the handler was interrupted and the container is restarted per its restartPolicy");
        this.container = container;
        this.timeout = timeout;
    }

    /** The container whose handler overran. */
    public Address container() {
        return container;
    }

    /** The handle timeout it overran. */
    public Duration timeout() {
        return timeout;
    }
}
