package io.k4s.core.event;

import io.k4s.api.event.Event;
import io.k4s.api.event.EventRecorder;
import io.k4s.api.event.EventType;
import io.k4s.api.event.ObjectReference;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Record events as {@link Event} resources in the store, folding repeats into one event with a
 * count, expiring them after a time to live and keeping at most a number of them, as
 * Kubernetes' event recorder and its API server's event TTL do.
 *
 * <p>{@link #record} only offers the occurrence to a bounded queue and returns: it never blocks
 * and never throws, so a reconciler or the runtime is never held up by events; when the queue is
 * full the occurrence is dropped and counted ({@link #dropped()}, one WARN). One platform thread,
 * {@code k4s-events}, owns everything else: it writes the events (create, or update the count and
 * {@code lastTimestamp} of the event with the same object, type, reason and message), deletes the
 * oldest when more than {@code maxEvents} exist and those last seen longer than {@code ttl} ago.
 * A failed write is logged at DEBUG and the occurrence dropped: events are best effort, as in
 * Kubernetes.
 */
public final class StoreEventRecorder implements EventRecorder, AutoCloseable {

    /** How long an event lives after it last happened when none is given: one hour, as Kubernetes. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** How many events are kept when none is given. */
    public static final int DEFAULT_MAX_EVENTS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(StoreEventRecorder.class);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofSeconds(10);

    private record Occurrence(ObjectReference involved, EventType type, String reason, String message,
                              String component, Instant at) {}

    private final ResourceClient store;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEvents;
    private final String component;
    private final BlockingQueue<Occurrence> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    /** The events this recorder keeps, least recently seen first, by key. Writer thread only. */
    private final LinkedHashMap<ResourceKey, Instant> kept = new LinkedHashMap<>(16, 0.75f, true);
    private volatile boolean closed;

    /**
     * A recorder writing to {@code store}, with times from {@code clock}; starts its thread.
     *
     * @param ttl       how long an event is kept after it last happened
     * @param maxEvents how many events are kept at most (the oldest go first)
     */
    public StoreEventRecorder(ResourceClient store, Clock clock, Duration ttl, int maxEvents) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("eventTtl must be positive, got " + ttl);
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, got " + maxEvents);
        }
        this.maxEvents = maxEvents;
        this.component = "k4s";
        this.writer = Thread.ofPlatform().name("k4s-events").daemon().unstarted(this::run);
        writer.start();
    }

    @Override
    public void record(ObjectReference involved, EventType type, String reason, String message) {
        if (closed || involved == null) {
            return;
        }
        Occurrence o = new Occurrence(involved, type == null ? EventType.NORMAL : type, reason, message, component,
                clock.instant());
        if (!queue.offer(o) && dropped.getAndIncrement() == 0) {
            LOG.warn("events arrive faster than they can be written; dropping some (the first: {} {} on {}/{})",
                    o.reason(), o.type().text(), involved.kind(), involved.name());
        }
    }

    /** How many occurrences were dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        Instant nextSweep = Instant.EPOCH;
        Duration sweepEvery = ttl.dividedBy(10).compareTo(MAX_SWEEP_INTERVAL) < 0 ? ttl.dividedBy(10)
                : MAX_SWEEP_INTERVAL;
        while (!closed) {
            try {
                Occurrence o = queue.poll(Math.max(1, sweepEvery.toMillis()), TimeUnit.MILLISECONDS);
                if (o != null) {
                    write(o);
                }
                Instant now = clock.instant();
                if (!now.isBefore(nextSweep)) {
                    expire(now);
                    nextSweep = now.plus(sweepEvery);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debug("writing an event failed; it is dropped: {}", e.toString());
            }
        }
    }

    private void write(Occurrence o) {
        ResourceKey key = new ResourceKey(namespaceOf(o.involved()), name(o));
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                var stored = store.get(Event.class, key);
                if (stored.isPresent()) {
                    Event e = stored.get();
                    store.update(e.withSpec(e.spec().repeatedAt(o.at())));
                } else {
                    store.create(new Event(ObjectMeta.of(key.namespace(), key.name()), new Event.EventData(
                            o.involved(), o.reason(), o.message(), o.type(), 1, o.at(), o.at(), o.component())));
                }
                kept.put(key, o.at());
                trim();
                return;
            } catch (ConflictException | AlreadyExistsException | NotFoundException raced) {
                LOG.trace("event {} changed meanwhile; writing it again", key);
            }
        }
    }

    /** Delete the least recently seen events beyond {@code maxEvents}. */
    private void trim() {
        Iterator<Map.Entry<ResourceKey, Instant>> oldest = kept.entrySet().iterator();
        while (kept.size() > maxEvents && oldest.hasNext()) {
            ResourceKey key = oldest.next().getKey();
            oldest.remove();
            deleteQuietly(key);
        }
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(ttl);
        List<ResourceKey> old = new ArrayList<>();
        for (Event e : store.list(Event.class, null).items()) {
            Instant last = e.spec().lastTimestamp() != null ? e.spec().lastTimestamp()
                    : e.metadata().creationTimestamp();
            if (last != null && last.isBefore(cutoff)) {
                old.add(e.key());
            }
        }
        old.forEach(key -> {
            kept.remove(key);
            deleteQuietly(key);
        });
    }

    private void deleteQuietly(ResourceKey key) {
        try {
            store.delete(Event.class, key.namespace(), key.name());
        } catch (NotFoundException gone) {
            LOG.trace("event {} was deleted already", key);
        }
    }

    /** The involved object's namespace; {@code default} for a cluster-scoped object, as Kubernetes does. */
    private static String namespaceOf(ObjectReference involved) {
        return involved.namespace().isEmpty() ? ObjectMeta.DEFAULT_NAMESPACE : involved.namespace();
    }

    /**
     * {@code NAME.HASH}: one name per involved object, type, reason and message, so a repeat finds
     * the event to count on (Kubernetes' event aggregation key).
     */
    private static String name(Occurrence o) {
        ObjectReference r = o.involved();
        long h = 0xcbf29ce484222325L;
        for (String part : new String[] {r.kind(), r.name(), String.valueOf(r.uid()), o.type().text(),
                String.valueOf(o.reason()), String.valueOf(o.message())}) {
            for (int i = 0; i < part.length(); i++) {
                h = (h ^ part.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0x1f) * 0x100000001b3L;
        }
        String base = r.name().length() > 200 ? r.name().substring(0, 200) : r.name();
        return base + "." + HexFormat.of().toHexDigits(h);
    }

    /** Stop the writer thread; what is still queued is not written. Idempotent. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
