package io.k4s.test;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A container's logger that keeps every line, at every level, and passes those its SLF4J
 * logger has enabled on to it, so the test output still shows them.
 */
final class CapturingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient Logger delegate;
    private final transient Consumer<LogLine> sink;

    CapturingLogger(Logger delegate, Consumer<LogLine> sink) {
        this.name = delegate.getName();
        this.delegate = delegate;
        this.sink = sink;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable cause) {
        sink.accept(new LogLine(level, MessageFormatter.basicArrayFormat(pattern, arguments), cause));
        if (delegate.isEnabledForLevel(level)) {
            delegate.makeLoggingEventBuilder(level).setCause(cause).log(pattern, arguments);
        }
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public boolean isTraceEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
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
}
