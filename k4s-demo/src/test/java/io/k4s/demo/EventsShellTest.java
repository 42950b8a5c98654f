package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.event.Event;
import io.k4s.api.resource.ConfigMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code get events} lists them oldest first with their counts; {@code describe} ends with its object's. */
class EventsShellTest {

    @Test
    void getEvents_sortedByTime_andDescribe_listsTheObjectsEvents() {
        try (ShellSession s = new ShellSession(ShellTest.CALC + "...\n")) {
            s.ok("apply -f -");
            s.ok("scale rs/calc --replicas=3");
            s.cluster.await(Duration.ofSeconds(20), "3 creates recorded", () -> s.cluster.resources()
                    .list(Event.class, "default").items().stream()
                    .filter(e -> e.spec().reason().equals("SuccessfulCreate")).count() == 3);
            ConfigMap cm = s.cluster.apply(ConfigMap.of("default", "later", Map.of()));
            for (int i = 0; i < 3; i++) {
                s.cluster.events().warning(cm, "Repeated", "the same thing again");
            }
            s.cluster.await(Duration.ofSeconds(20), "3 repeats folded", () -> s.cluster.resources()
                    .list(Event.class, "default").items().stream().anyMatch(e -> e.spec().count() == 3));

            List<String> lines = s.ok("get events -o wide").lines().toList();
            assertTrue(lines.getFirst().matches("NAME\\s+LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE\\s+AGE\\s+COUNT"),
                    lines::toString);
            assertTrue(lines.getLast().matches(".*Warning\\s+Repeated\\s+configmap/later\\s+the same thing again.*\\s3"),
                    lines::toString);
            int firstCreate = indexOf(lines, "Created container: calc-0");
            int repeated = indexOf(lines, "Repeated");
            assertTrue(firstCreate > 0 && firstCreate < repeated, lines::toString);

            String described = s.ok("describe rs/calc");
            assertTrue(described.matches("(?s).*Events:\\n\\s+TYPE\\s+REASON\\s+AGE\\s+COUNT\\s+MESSAGE\\n"
                    + ".*Normal\\s+SuccessfulCreate\\s+\\d+s\\s+1\\s+Created container: calc-2.*"), described);
            assertTrue(s.ok("describe cm/later").matches("(?s).*Warning\\s+Repeated\\s+\\d+s\\s+3\\s+the same.*"));
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
