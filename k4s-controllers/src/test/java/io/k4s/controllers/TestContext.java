package io.k4s.controllers;

import static org.mockito.Mockito.mock;

import io.k4s.api.control.Lister;
import io.k4s.api.control.ReconcileContext;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A reconcile context over mocked resources and runtime, informer caches the test fills
 * ({@link #cache}), and a clock the test moves.
 */
final class TestContext implements ReconcileContext {

    private final Map<Class<?>, List<? extends Resource>> caches = new HashMap<>();

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

    /** Make the informer cache of {@code type} hold exactly {@code items}. */
    <R extends Resource> void cache(Class<R> type, List<R> items) {
        caches.put(type, List.copyOf(items));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R extends Resource> Lister<R> lister(Class<R> type) {
        List<R> items = (List<R>) caches.getOrDefault(type, List.of());
        return new Lister<>() {
            @Override
            public Optional<R> get(ResourceKey key) {
                return items.stream().filter(r -> r.key().equals(key)).findFirst();
            }

            @Override
            public List<R> list(String namespace) {
                return list(namespace, null);
            }

            @Override
            public List<R> list(String namespace, Selector selector) {
                return items.stream().filter(r -> namespace == null || namespace.equals(r.metadata().namespace()))
                        .filter(r -> selector == null || selector.matches(r)).toList();
            }

            @Override
            public List<R> ownedBy(String ownerUid) {
                return items.stream().filter(r -> r.metadata().ownerReferences().stream()
                        .anyMatch(ref -> ref.uid().equals(ownerUid))).toList();
            }
        };
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
