package io.k4s.store.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.Client;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend;
import io.k4s.core.store.StorageBackend.Key;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A write refused because its key is gone saw etcd at a revision no change of ours may carry
 * (the delete's is unknown; another program may have written since): the backend writes its
 * fence key, and the watch passes the fence's revision on as progress, so a reader waiting for
 * it goes on, and the fence is in no list.
 */
class EtcdFenceTest {

    @Test
    void aWriteOfAMissingKey_movesTheRevisionPastEtcdsThroughTheFence() throws Exception {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
        String prefix = Backends.freshPrefix();
        try (EtcdBackend backend = EtcdBackend.open(List.of(EtcdServer.shared().endpoint()), prefix,
                KindRegistry.builtIn(), Duration.ofSeconds(10));
             Client other = Client.builder().endpoints(EtcdServer.shared().endpoint()).build()) {
            Key key = new Key("Container", "default", "a");
            Container a = Container.of(ObjectMeta.of("a"), ContainerSpec.of("echo"));
            backend.create(key, rev -> a);
            BlockingQueue<Long> progress = new LinkedBlockingQueue<>();
            AutoCloseable watch = backend.watch(backend.currentRevision(), new StorageBackend.Listener() {
                @Override
                public void changed(StorageBackend.Event event) {
                    throw new AssertionError("no change of ours: " + event);
                }

                @Override
                public void progress(long revision) {
                    progress.add(revision);
                }

                @Override
                public void expired(String reason) {
                    throw new AssertionError("expired: " + reason);
                }
            });
            long foreign = other.getKVClient().put(KeyLayout.bytes("/elsewhere/x"), KeyLayout.bytes("y")).get()
                    .getHeader().getRevision();

            Key gone = new Key("Container", "default", "gone");
            assertThrows(NotFoundException.class, () -> backend.update(gone, 5, rev -> a));
            long now = backend.currentRevision();

            assertTrue(now > foreign, "the fence follows etcd's revision " + foreign + ": " + now);
            assertEquals(now, progress.poll(10, TimeUnit.SECONDS), "the watch passed the fence on as progress");
            watch.close();
            assertEquals(List.of("a"), backend.list(null, null).items().stream().map(r -> r.metadata().name()).toList(),
                    "the fence is no resource");
        }
    }
}
