package io.k4s.store.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.StorageException;
import io.k4s.core.kind.KindRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Locations of the etcd store: endpoints, an optional key prefix, and clear errors. */
class EtcdProviderTest {

    private final EtcdProvider provider = new EtcdProvider();

    @Test
    void endpoints_andTheDefaultPrefix() {
        assertEquals(new EtcdProvider.Target(List.of("http://127.0.0.1:2379"), "/k4s"),
                provider.parse("etcd://127.0.0.1:2379"));
        assertEquals(new EtcdProvider.Target(List.of("http://a:1", "http://b.example:2", "http://[::1]:3"), "/k4s"),
                provider.parse("etcd://a:1,b.example:2,[::1]:3/"));
    }

    @Test
    void aPath_isTheKeyPrefix() {
        assertEquals("/clusters/dev", provider.parse("etcd://localhost:2379/clusters/dev/").root());
    }

    @Test
    void badLocations_sayHowToWriteThem() {
        for (String bad : List.of("etcd:/localhost:2379", "etcd://localhost", "etcd://a:1,,b:2", "etcd://a:1/x//y",
                "etcd://:2379")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.parse(bad), bad);
            assertTrue(e.getMessage().contains("etcd://HOST:PORT[,HOST:PORT...][/PREFIX]"), e.getMessage());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void anEtcdThatDoesNotAnswer_isAStorageErrorNamingIt() {
        StorageException e = assertThrows(StorageException.class, () -> EtcdBackend.open(
                List.of("http://127.0.0.1:1"), "/k4s", KindRegistry.builtIn(), Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("etcd at http://127.0.0.1:1"), e.getMessage());
    }
}
