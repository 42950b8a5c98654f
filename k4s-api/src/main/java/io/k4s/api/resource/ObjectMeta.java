package io.k4s.api.resource;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Name a resource and carry what the store maintains about it.
 *
 * <p>The user sets {@code name} (or {@code generateName}), {@code namespace}, {@code labels},
 * {@code annotations} and {@code finalizers}; the store sets {@code uid},
 * {@code resourceVersion}, {@code generation}, {@code creationTimestamp} and, when a delete
 * waits for finalizers, {@code deletionTimestamp} and {@code deletionGracePeriodSeconds}
 * (values given on create are replaced). Collections are copied and unmodifiable; a null
 * namespace means {@value #DEFAULT_NAMESPACE}, and the empty namespace ({@link #NO_NAMESPACE})
 * is that of a cluster-scoped object (a Namespace, an Image, a ClusterRole), as Kubernetes keeps
 * it: the store gives every object of a cluster-scoped kind the empty namespace, whatever it was
 * given, and its wire form has no {@code metadata.namespace}.
 *
 * @param name              the name, unique per kind and namespace (DNS-1123 subdomain)
 * @param namespace         the namespace (DNS-1123 label), or empty for a cluster-scoped object
 * @param labels            labels, matched by label selectors
 * @param annotations       free-form notes
 * @param uid               set by the store on create; {@code null} before
 * @param resourceVersion   the store revision of the last write; 0 before create
 * @param generation        counts spec changes, starting at 1; 0 before create
 * @param creationTimestamp set by the store on create; {@code null} before
 * @param ownerReferences   the owners of this resource
 * @param generateName      a prefix from which the store makes a unique name on create, when
 *                          {@code name} is {@code null}; otherwise {@code null}
 * @param deletionTimestamp when a delete was asked for, while finalizers hold the object;
 *                          {@code null} for an object not being deleted
 * @param deletionGracePeriodSeconds the grace period the delete asked for, or {@code null}
 * @param finalizers        what must happen before the object goes (each owner removes its
 *                          own entry); an object being deleted goes when none is left
 */
public record ObjectMeta(String name, String namespace, Map<String, String> labels,
                         Map<String, String> annotations, String uid, long resourceVersion,
                         long generation, Instant creationTimestamp,
                         List<OwnerReference> ownerReferences, String generateName,
                         Instant deletionTimestamp, Long deletionGracePeriodSeconds,
                         List<String> finalizers) {

    /** The namespace used when none is given. */
    public static final String DEFAULT_NAMESPACE = "default";

    /** The namespace of a cluster-scoped object: none, written as the empty string (Kubernetes' {@code NamespaceNone}). */
    public static final String NO_NAMESPACE = "";

    /**
     * Validates the name and namespace and copies the collections.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public ObjectMeta {
        String problem = name == null && generateName != null ? ResourceNames.generateNameProblem(generateName)
                : ResourceNames.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException((name == null && generateName != null ? "metadata.generateName: "
                    : "metadata.name: ") + problem);
        }
        namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        problem = namespace.isEmpty() ? null : ResourceNames.namespaceProblem(namespace);
        if (problem != null) {
            throw new IllegalArgumentException("metadata.namespace: " + problem);
        }
        labels = copy(labels);
        annotations = copy(annotations);
        ownerReferences = ownerReferences == null ? List.of() : List.copyOf(ownerReferences);
        if (resourceVersion < 0 || generation < 0) {
            throw new IllegalArgumentException("resourceVersion and generation must not be negative");
        }
        if (deletionGracePeriodSeconds != null && deletionGracePeriodSeconds < 0) {
            throw new IllegalArgumentException("metadata.deletionGracePeriodSeconds must not be negative");
        }
        finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
    }

    /** Metadata without generateName, deletion fields or finalizers (the fields of k4s 0.1). */
    public ObjectMeta(String name, String namespace, Map<String, String> labels,
                      Map<String, String> annotations, String uid, long resourceVersion,
                      long generation, Instant creationTimestamp, List<OwnerReference> ownerReferences) {
        this(name, namespace, labels, annotations, uid, resourceVersion, generation, creationTimestamp,
                ownerReferences, null, null, null, List.of());
    }

    /**
     * An unmodifiable copy of {@code map} in its order; a map this method made is returned as it
     * is (it cannot change), so the copies made for every store write ({@link #withSystemFields}
     * and the other {@code with} methods) copy nothing.
     */
    private static Map<String, String> copy(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        if (map instanceof FrozenMap<String, String>) {
            return map;
        }
        return new FrozenMap<>(new LinkedHashMap<>(map));
    }

    /** A read-only view of a map no one else holds, so it never changes: {@link #copy} need not copy it again. */
    private static final class FrozenMap<K, V> extends AbstractMap<K, V> {

        private final Map<K, V> map;

        FrozenMap(Map<K, V> owned) {
            this.map = Collections.unmodifiableMap(owned);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public V get(Object key) {
            return map.get(key);
        }

        @Override
        public Set<K> keySet() {
            return map.keySet();
        }

        @Override
        public Collection<V> values() {
            return map.values();
        }

        @Override
        public Set<Entry<K, V>> entrySet() {
            return map.entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super K, ? super V> action) {
            map.forEach(action);
        }
    }

    /** Metadata with just a name, in the default namespace. */
    public static ObjectMeta of(String name) {
        return of(DEFAULT_NAMESPACE, name);
    }

    /** Metadata with just a name, of a cluster-scoped object (no namespace). */
    public static ObjectMeta cluster(String name) {
        return of(NO_NAMESPACE, name);
    }

    /** Metadata with just a namespace and a name ({@link #NO_NAMESPACE}: cluster-scoped). */
    public static ObjectMeta of(String namespace, String name) {
        return new ObjectMeta(name, namespace, Map.of(), Map.of(), null, 0, 0, null, List.of());
    }

    /** Whether a delete was asked for and finalizers still hold the object. */
    public boolean deleting() {
        return deletionTimestamp != null;
    }

    /** The {@code namespace/name} key. */
    public ResourceKey key() {
        return new ResourceKey(namespace, name);
    }

    /** The controlling owner, if any. */
    public Optional<OwnerReference> controller() {
        return ownerReferences.stream().filter(OwnerReference::controller).findFirst();
    }

    /** Whether this is the metadata of a cluster-scoped object: its namespace is {@link #NO_NAMESPACE}. */
    public boolean clusterScoped() {
        return namespace.isEmpty();
    }

    /** A copy in another namespace ({@code null}: {@value #DEFAULT_NAMESPACE}; {@link #NO_NAMESPACE}: cluster-scoped). */
    public ObjectMeta withNamespace(String namespace) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, deletionTimestamp,
                deletionGracePeriodSeconds, finalizers);
    }

    /** A copy with other labels. */
    public ObjectMeta withLabels(Map<String, String> labels) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, deletionTimestamp,
                deletionGracePeriodSeconds, finalizers);
    }

    /** A copy with other annotations. */
    public ObjectMeta withAnnotations(Map<String, String> annotations) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, deletionTimestamp,
                deletionGracePeriodSeconds, finalizers);
    }

    /** A copy with other owner references. */
    public ObjectMeta withOwnerReferences(List<OwnerReference> ownerReferences) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, deletionTimestamp,
                deletionGracePeriodSeconds, finalizers);
    }

    /** A copy with another resourceVersion (what an update must carry). */
    public ObjectMeta withResourceVersion(long resourceVersion) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, deletionTimestamp,
                deletionGracePeriodSeconds, finalizers);
    }

    /** A copy with other finalizers. */
    public ObjectMeta withFinalizers(List<String> finalizers) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, deletionTimestamp,
                deletionGracePeriodSeconds, finalizers);
    }

    /** A copy marked for deletion at {@code at} with {@code gracePeriodSeconds}; for store implementations. */
    public ObjectMeta withDeletion(Instant at, Long gracePeriodSeconds) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, at,
                gracePeriodSeconds, finalizers);
    }

    /** A copy with a name (the one the store generated from {@code generateName}); for store implementations. */
    public ObjectMeta withName(String name) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, deletionTimestamp,
                deletionGracePeriodSeconds, finalizers);
    }

    /** A copy with the store-maintained fields replaced; for store implementations. */
    public ObjectMeta withSystemFields(String uid, long resourceVersion, long generation,
                                       Instant creationTimestamp) {
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion,
                generation, creationTimestamp, ownerReferences, generateName, deletionTimestamp,
                deletionGracePeriodSeconds, finalizers);
    }
}
