package io.k4s.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.StorageException;
import io.k4s.core.kind.ResourceCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Move the objects of cluster-scoped kinds that an older k4s kept under a namespace
 * ({@code /k4s/core/namespaces/default/prod}) to their keys without one
 * ({@code /k4s/core/namespaces/prod}), as Kubernetes keys them; run once when the backend opens.
 *
 * <p>Each object moves in one transaction (put the new key if it is absent, delete the old key
 * if it is unchanged), so a crash midway leaves every object under exactly one key and the next
 * open moves the rest. Two old keys of one name (the same cluster-scoped object stored under two
 * namespaces) cannot both move: that is a {@link StorageException} naming both keys and what to
 * do, and the second one stays where it was.
 */
final class LegacyKeys {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyKeys.class);

    private LegacyKeys() {}

    /**
     * Move every old-layout key of a cluster-scoped kind.
     *
     * @return how many objects moved
     * @throws StorageException if etcd fails, or two old keys name one object
     */
    static int migrate(KV kv, KeyLayout layout, ResourceCodec codec, EtcdCalls calls) {
        int moved = 0;
        for (Map.Entry<String, String> e : layout.clusterScopedPrefixes().entrySet()) {
            String prefix = e.getKey();
            GetResponse r = calls.await("list " + prefix, kv.get(KeyLayout.bytes(prefix),
                    GetOption.builder().withRange(KeyLayout.prefixEnd(prefix)).build()));
            for (KeyValue v : r.getKvs()) {
                String rest = v.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                move(kv, codec, calls, v, KeyLayout.bytes(prefix + rest.substring(slash + 1)));
                moved++;
            }
        }
        if (moved > 0) {
            LOG.info("moved {} cluster-scoped object(s) in etcd at {}{} to keys without a namespace", moved,
                    calls.where(), layout.root());
        }
        return moved;
    }

    private static void move(KV kv, ResourceCodec codec, EtcdCalls calls, KeyValue old, ByteSequence to) {
        Resource value = codec.fromJson(old.getValue().toString(StandardCharsets.UTF_8));
        ByteSequence bytes = ByteSequence.from(codec.toJson(value), StandardCharsets.UTF_8);
        TxnResponse r = calls.awaitWrite("move " + old.getKey() + " to " + to, kv.txn()
                .If(new Cmp(to, Cmp.Op.EQUAL, CmpTarget.createRevision(0)),
                        new Cmp(old.getKey(), Cmp.Op.EQUAL, CmpTarget.modRevision(old.getModRevision())))
                .Then(Op.put(to, bytes, PutOption.DEFAULT),
                        Op.delete(old.getKey(), DeleteOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw new StorageException("etcd at " + calls.where() + " holds the cluster-scoped object " + to
                    + " both under that key and under the key of an older k4s, " + old.getKey() + " (or it changed"
                    + " while being moved); delete one of them with etcdctl del, then start again");
        }
    }
}
