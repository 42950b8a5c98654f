package io.k4s.core;

import io.k4s.api.event.Event;
import io.k4s.api.event.EventType;
import java.time.Duration;
import java.util.List;

/** The Events a real cluster recorded about one object, for tests that await them. */
final class RecordedEvents {

    private RecordedEvents() {
    }

    /** The events about {@code kind} {@code namespace/name}, in the order the store lists them. */
    static List<Event> about(K4sCluster cluster, String kind, String namespace, String name) {
        return cluster.resources().list(Event.class, namespace).items().stream()
                .filter(e -> e.spec().involvedObject().kind().equals(kind)
                        && e.spec().involvedObject().name().equals(name))
                .toList();
    }

    /**
     * Wait until an event of {@code type} and {@code reason} whose message starts with
     * {@code messageStart} is recorded about the object, and return it.
     */
    static Event await(K4sCluster cluster, Duration wait, String kind, String namespace, String name, EventType type,
                       String reason, String messageStart) {
        String what = type + " " + reason + " event about " + kind + " " + namespace + "/" + name
                + " starting \"" + messageStart + "\"";
        cluster.await(wait, what, () -> find(cluster, kind, namespace, name, type, reason, messageStart) != null);
        return find(cluster, kind, namespace, name, type, reason, messageStart);
    }

    private static Event find(K4sCluster cluster, String kind, String namespace, String name, EventType type,
                              String reason, String messageStart) {
        return about(cluster, kind, namespace, name).stream()
                .filter(e -> e.spec().type() == type && e.spec().reason().equals(reason)
                        && e.spec().message().startsWith(messageStart))
                .findFirst().orElse(null);
    }
}
