package io.k4s.store.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.Namespace.NamespaceSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.ResourceStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the etcd store leaves in etcd: keys as Kubernetes lays them out, JSON values, mod revisions as resourceVersions. */
class EtcdLayoutTest {

    @Test
    void resources_areKeyedByGroupPluralNamespaceAndName_withTheirModRevision() throws Exception {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
        String prefix = Backends.freshPrefix();
        EtcdBackend backend = EtcdBackend.open(List.of(EtcdServer.shared().endpoint()), prefix, KindRegistry.builtIn(),
                Duration.ofSeconds(10));
        try (ResourceStore store = new ResourceStore(backend, Clock.systemUTC(), 100, 100);
             Client etcd = Client.builder().endpoints(EtcdServer.shared().endpoint()).build()) {
            Container c = store.create(Container.of(ObjectMeta.of("team", "calc-0"), ContainerSpec.of("echo")));
            store.create(ReplicaSet.of(ObjectMeta.of("calc"), new ReplicaSetSpec(1,
                    ContainerTemplate.of(Map.of("app", "calc"), ContainerSpec.of("echo")))));

            List<KeyValue> kvs = etcd.getKVClient().get(KeyLayout.bytes(prefix + "/"),
                    GetOption.builder().isPrefix(true).build()).get().getKvs();

            List<String> keys = kvs.stream().map(kv -> kv.getKey().toString(StandardCharsets.UTF_8)).sorted().toList();
            assertEquals(List.of(prefix + "/k4s.io/containers/team/calc-0", prefix + "/k4s.io/replicasets/default/calc"),
                    keys);
            KeyValue container = kvs.stream().filter(kv -> kv.getKey().toString(StandardCharsets.UTF_8)
                    .endsWith("calc-0")).findFirst().orElseThrow();
            assertEquals(c.metadata().resourceVersion(), container.getModRevision());
            String json = container.getValue().toString(StandardCharsets.UTF_8);
            assertTrue(json.startsWith("{\"apiVersion\":\"k4s.io/v1\",\"kind\":\"Container\""), json);
            assertTrue(json.contains(c.metadata().uid()), json);
        }
    }

    @Test
    void clusterScopedObjects_areKeyedByGroupPluralAndName() throws Exception {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
        String prefix = Backends.freshPrefix();
        try (ResourceStore store = new ResourceStore(open(prefix), Clock.systemUTC(), 100, 100);
             Client etcd = Client.builder().endpoints(EtcdServer.shared().endpoint()).build()) {
            store.create(new Namespace(ObjectMeta.of("team", "prod"), NamespaceSpec.EMPTY, null));

            List<String> keys = keys(etcd, prefix);

            assertEquals(List.of(prefix + "/core/namespaces/prod"), keys);
            assertFalse(etcd.getKVClient().get(KeyLayout.bytes(keys.getFirst())).get().getKvs().getFirst().getValue()
                    .toString(StandardCharsets.UTF_8).contains("namespace\""), "no metadata.namespace in the value");
        }
    }

    @Test
    void clusterScopedKeysOfAnOlderK4s_moveToKeysWithoutANamespace_whenOpened() throws Exception {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
        String prefix = Backends.freshPrefix();
        String old = prefix + "/core/namespaces/default/prod";
        try (Client etcd = Client.builder().endpoints(EtcdServer.shared().endpoint()).build()) {
            etcd.getKVClient().put(KeyLayout.bytes(old), KeyLayout.bytes("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                    + "\"metadata\":{\"name\":\"prod\",\"namespace\":\"default\",\"uid\":\"u-1\"}}")).get();

            try (ResourceStore store = new ResourceStore(open(prefix), Clock.systemUTC(), 100, 100)) {
                Namespace prod = store.get(Namespace.class, null, "prod").orElseThrow();

                assertEquals("u-1", prod.metadata().uid());
                assertEquals("", prod.metadata().namespace());
                assertEquals(List.of(prefix + "/core/namespaces/prod"), keys(etcd, prefix));
            }
        }
    }

    private static EtcdBackend open(String prefix) {
        return EtcdBackend.open(List.of(EtcdServer.shared().endpoint()), prefix, KindRegistry.builtIn(),
                Duration.ofSeconds(10));
    }

    private static List<String> keys(Client etcd, String prefix) throws Exception {
        return etcd.getKVClient().get(KeyLayout.bytes(prefix + "/"), GetOption.builder().isPrefix(true).build()).get()
                .getKvs().stream().map(kv -> kv.getKey().toString(StandardCharsets.UTF_8))
                .filter(k -> !k.endsWith("/.fence")).sorted().toList();
    }
}
