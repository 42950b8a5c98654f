package io.k4s.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that moves only when a test moves it: for cron schedules and deadlines without waiting. Thread-safe. */
final class MovableClock extends Clock {

    private volatile Instant now;

    MovableClock(Instant start) {
        this.now = start;
    }

    /** Move to {@code instant} (forward only: the cluster's timestamps must not go back). */
    void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the clock only moves forward: " + instant + " is before " + now);
        }
        now = instant;
    }

    void advance(Duration d) {
        set(now.plus(d));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
