package io.k4s.test;

import io.k4s.api.event.Event;
import io.k4s.api.event.Event.EventData;
import io.k4s.api.event.EventType;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Assertions about the Events of one namespace, optionally of one object, each waiting up to the
 * deadline; made by {@link ClusterAssert#events()}. Immutable: {@link #forObject} returns a
 * narrowed copy.
 *
 * <pre>{@code
 * assertThat(cluster).events().forObject("container/crasher-0").hasReason("BackOff");
 * assertThat(cluster).events().forObject("rs/web").hasNormal("SuccessfulCreate");
 * }</pre>
 */
public final class EventsAssert {

    private final ClusterAssert cluster;
    private final String namespace;
    /** The involved object's kind as manifests spell it ({@code Container}), or null for any. */
    private final String kind;
    /** The involved object's name, or null for any. */
    private final String name;

    EventsAssert(ClusterAssert cluster, String namespace, String kind, String name) {
        this.cluster = cluster;
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.kind = kind;
        this.name = name;
    }

    /**
     * Only the events about {@code object}, written {@code KIND/NAME} as kubectl takes it: the kind
     * in any case, its plural or a short name ({@code container/x}, {@code ctr/x}, {@code rs/web}).
     *
     * @throws IllegalArgumentException if it is not {@code KIND/NAME} or names no known kind
     */
    public EventsAssert forObject(String object) {
        Objects.requireNonNull(object, "object");
        int slash = object.indexOf('/');
        if (slash <= 0 || slash == object.length() - 1 || object.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("expected KIND/NAME such as container/x, got \"" + object + "\"");
        }
        String kindName = cluster.cluster().kinds().require(object.substring(0, slash)).kind();
        return new EventsAssert(cluster, namespace, kindName, object.substring(slash + 1));
    }

    /** Wait until an event (of either type) gives {@code reason}, such as {@code BackOff}. */
    public EventsAssert hasReason(String reason) {
        return anyMatch("with reason " + reason, e -> e.reason().equals(reason));
    }

    /** Wait until a {@code Warning} event gives {@code reason}. */
    public EventsAssert hasWarning(String reason) {
        return anyMatch("Warning " + reason, e -> e.type() == EventType.WARNING && e.reason().equals(reason));
    }

    /** Wait until a {@code Normal} event gives {@code reason}. */
    public EventsAssert hasNormal(String reason) {
        return anyMatch("Normal " + reason, e -> e.type() == EventType.NORMAL && e.reason().equals(reason));
    }

    /** Wait until an event with {@code reason} has happened at least {@code times} times (its count). */
    public EventsAssert hasReason(String reason, int times) {
        return anyMatch("with reason " + reason + " at least " + times + " times",
                e -> e.reason().equals(reason) && e.count() >= times);
    }

    /** Wait until an event matches {@code condition}, which {@code description} describes. */
    public EventsAssert anyMatch(String description, Predicate<EventData> condition) {
        cluster.await("an event " + about() + description, () -> events().stream().anyMatch(condition), this::seen);
        return this;
    }

    /** Check now, without waiting, that no event gives {@code reason}. */
    public EventsAssert hasNoReason(String reason) {
        if (events().stream().anyMatch(e -> e.reason().equals(reason))) {
            throw new AssertionError("expected no event " + about() + "with reason " + reason + ", but " + seen());
        }
        return this;
    }

    private String about() {
        return kind == null ? "in " + namespace + " " : "about " + kind + " " + namespace + "/" + name + " ";
    }

    private List<EventData> events() {
        return cluster.cluster().resources().list(Event.class, namespace).items().stream().map(Event::spec)
                .filter(e -> kind == null || e.involvedObject().kind().equals(kind)
                        && e.involvedObject().name().equals(name))
                .toList();
    }

    private String seen() {
        List<EventData> events = events();
        return events.isEmpty() ? "there is none" : "there are " + events.stream()
                .map(e -> e.type().text() + " " + e.reason() + (e.count() > 1 ? " (x" + e.count() + ")" : "")
                        + (kind == null ? " " + e.involvedObject().kind() + "/" + e.involvedObject().name() : "")
                        + ": " + e.message())
                .toList();
    }
}
