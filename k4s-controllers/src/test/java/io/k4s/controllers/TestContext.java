package io.k4s.controllers;

import static org.mockito.Mockito.mock;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.slf4j.Logger;

/** A reconcile context over mocked resources and runtime, with a clock the test moves. */
final class TestContext implements ReconcileContext {

    final ResourceClient resources = mock(ResourceClient.class);
    final ContainerRuntime runtime = mock(ContainerRuntime.class);
    final Logger log = mock(Logger.class);
    final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public ResourceClient resources() {
        return resources;
    }

    @Override
    public ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Logger log() {
        return log;
    }

    /** A UTC clock that moves only when told to. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
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
}
