package io.k4s.core.runtime;

import java.io.Serial;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The logger a worker gets from {@code context.log()}: every line it writes at INFO or above
 * (DEBUG and TRACE when the logging backend enables them) is kept in the container's
 * {@link ContainerLogs} for {@code logs}, and passed on to the backend's logger of the same
 * name when that enables its level.
 *
 * <p>Thread-safe, as its parts are.
 */
final class CapturingLogger extends LegacyAbstractLogger {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Logger delegate;
    private final transient ContainerLogs logs;

    CapturingLogger(Logger delegate, ContainerLogs logs) {
        this.delegate = delegate;
        this.logs = logs;
        this.name = delegate.getName();
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return CapturingLogger.class.getName();
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        String text = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        logs.append(level.name(), throwable == null ? text : text + ": " + throwable);
        if (delegate.isEnabledForLevel(level)) {
            // The text is formatted already; pass it as the one argument so braces in it stay as they are.
            delegate.atLevel(level).setCause(throwable).log("{}", text);
        }
    }
}
