package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.WatchEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindTableTest {

    @Test
    void replay_appliesTheLastEventOfEachTouchedKey_andKeepsUntouchedOnes() {
        Container a = container("default", "a", Map.of("app", "x"));
        Container b = container("default", "b", Map.of("app", "x"));
        Container c = container("default", "c", Map.of("app", "x"));
        Container cRelabelled = container("default", "c", Map.of("app", "y"));
        Container d = container("default", "d", Map.of("app", "x"));
        Container elsewhere = container("other", "e", Map.of("app", "x"));
        Service service = new Service(ObjectMeta.of("s"), new ServiceSpec(Selector.glob("*"), null), null);
        List<Resource> scanned = List.of(a, b, c);

        List<Resource> result = KindTable.replay(Container.class, "default", Selector.labels(Map.of("app", "x")),
                scanned, List.of(new WatchEvent.Deleted(5, b), new WatchEvent.Modified(6, cRelabelled),
                        new WatchEvent.Added(7, d), new WatchEvent.Added(8, elsewhere),
                        new WatchEvent.Added(9, service), new WatchEvent.Deleted(10, d),
                        new WatchEvent.Added(11, d)));

        assertEquals(List.of(a, d), result);
    }

    @Test
    void replay_withoutRelevantEvents_returnsTheScanAsIs() {
        List<Resource> scanned = List.of(container("a"));
        Service service = new Service(ObjectMeta.of("s"), new ServiceSpec(Selector.glob("*"), null), null);

        assertSame(scanned,
                KindTable.replay(Container.class, null, null, scanned, List.of(new WatchEvent.Added(3, service))));
    }

    @Test
    void get_findsEachKeyInItsNamespace_andForgetsItWhenRemoved() {
        KindTable table = new KindTable();
        Container a = container("default", "a", Map.of("app", "x"));
        Container aElsewhere = container("other", "a", Map.of("app", "x"));
        Container a2 = container("default", "a", Map.of("app", "x", "v", "2"));
        table.put(a.key(), a);
        table.put(aElsewhere.key(), aElsewhere);
        table.put(a2.key(), a2);

        assertSame(a2, table.get("default", "a"));
        assertSame(aElsewhere, table.get(aElsewhere.key()));
        assertNull(table.get("default", "b"));
        assertNull(table.get("third", "a"));

        assertSame(aElsewhere, table.remove(aElsewhere.key()));
        assertNull(table.get("other", "a"), "the last key of a namespace removed");
        assertEquals(List.of(a2), table.scan(null, null));
        assertNull(table.put(aElsewhere.key(), aElsewhere), "a removed key is created again");
        assertSame(aElsewhere, table.get("other", "a"));
        assertEquals(List.of(a2, aElsewhere), table.scan(null, Selector.labels(Map.of("app", "x"))));
    }

    @Test
    void literalPrefix_stopsAtTheFirstWildcard() {
        assertEquals("calc-", KindTable.literalPrefix(Selector.glob("calc-*")));
        assertEquals("ab", KindTable.literalPrefix(Selector.glob("ab?c")));
        assertEquals("x", KindTable.literalPrefix(Selector.glob("x[0-9]")));
        assertEquals("", KindTable.literalPrefix(Selector.glob("*-0")));
        assertEquals("exact", KindTable.literalPrefix(Selector.glob("exact")));
    }

    @Test
    void labelIndex_followsPutAndRemove() {
        KindTable table = new KindTable();
        Container v1 = container("default", "a", Map.of("app", "x", "tier", "1"));
        Container v2 = container("default", "a", Map.of("app", "y", "tier", "1"));

        assertNull(table.put(v1.key(), v1));
        assertSame(v1, table.put(v2.key(), v2));

        assertEquals(List.of(), table.scan(null, Selector.labels(Map.of("app", "x"))));
        assertEquals(List.of(v2), table.scan("default", Selector.labels(Map.of("app", "y", "tier", "1"))));
        assertSame(v2, table.remove(v2.key()));
        assertEquals(List.of(), table.scan(null, Selector.labels(Map.of("tier", "1"))));
        assertEquals(List.of(), table.scan(null, null));
    }
}
