package io.k4s.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend.Key;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Name resources in etcd as Kubernetes does: {@code ROOT/GROUP/PLURAL/NAMESPACE/NAME}, and
 * {@code ROOT/GROUP/PLURAL/NAME} for a cluster-scoped object (its key's namespace is empty), with
 * {@code ROOT} {@code /k4s} by default, the group of the kind's apiVersion ({@code k4s.io}, or
 * {@code core} for an apiVersion without one) and the plural from the kind registry, so
 * {@code etcdctl get --prefix /k4s/k4s.io/containers/} lists the Containers. Immutable and
 * thread-safe.
 */
final class KeyLayout {

    private final String root;
    private final KindRegistry kinds;

    /**
     * @param root the prefix of every key: starts with {@code /}, does not end with one
     */
    KeyLayout(String root, KindRegistry kinds) {
        if (!root.startsWith("/") || root.endsWith("/") || root.contains("//")) {
            throw new IllegalArgumentException("an etcd key prefix starts with / and does not end with one, such as"
                    + " /k4s; got \"" + root + "\"");
        }
        this.root = root;
        this.kinds = kinds;
    }

    String root() {
        return root;
    }

    /** The fence key {@code ROOT/.fence}: not a resource; its writes order the watches (see EtcdBackend). */
    ByteSequence fence() {
        return bytes(root + "/.fence");
    }

    /** The prefix of the controllers' leader election, {@code ROOT/.election/controllers}: its keys are no resources. */
    String election() {
        return root + "/.election/controllers";
    }

    /**
     * Whether {@code key} is the fence key or a key of the leader election: no resource; a write of
     * one only says that the watch has seen every change up to its revision.
     */
    boolean isFence(ByteSequence key) {
        return key.equals(fence()) || key.startsWith(bytes(root + "/.election/"));
    }

    /** The etcd key of {@code key}. */
    ByteSequence key(Key key) {
        String namespace = key.namespace();
        return bytes(kindPrefix(key.kind()) + (namespace.isEmpty() ? "" : namespace + "/") + key.name());
    }

    /**
     * The prefix of the keys of {@code kind} ({@code null}: every kind) in {@code namespace}
     * ({@code null} or empty: every namespace, and the cluster-scoped keys; the caller filters
     * the values by namespace when it asked for one).
     */
    String prefix(String kind, String namespace) {
        if (kind == null) {
            return root + "/";
        }
        return namespace == null || namespace.isEmpty() ? kindPrefix(kind) : kindPrefix(kind) + namespace + "/";
    }

    /** The kinds of the registry that are cluster-scoped, by the prefix of their keys. */
    Map<String, String> clusterScopedPrefixes() {
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (ResourceKind<?> k : kinds.kinds()) {
            if (!k.namespaced()) {
                prefixes.put(kindPrefix(k.kind()), k.kind());
            }
        }
        return prefixes;
    }

    String kindPrefix(String kind) {
        ResourceKind<?> k = kinds.forKind(kind).orElseThrow(() -> new IllegalArgumentException("kind " + kind
                + " is not registered, so the etcd store has no key for it; register its KindProvider"));
        String apiVersion = k.apiVersion();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
        return root + "/" + group + "/" + k.plural() + "/";
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /** The first key after every key starting with {@code prefix}. */
    static ByteSequence prefixEnd(String prefix) {
        return bytes(prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
    }
}
