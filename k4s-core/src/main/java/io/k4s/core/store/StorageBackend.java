package io.k4s.core.store;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.StorageException;
import io.k4s.core.control.LeaderElection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Keep resources under keys with one global revision, and tell a watcher every change in
 * revision order: the storage under the store's API layer, as etcd is under Kubernetes' API
 * server (and kine's SQL tables under k3s').
 *
 * <p><b>Keys and values.</b> A value is a {@link Resource}, stored under its kind name,
 * namespace and name ({@link Key}). The backend does not interpret it beyond its
 * {@code metadata.resourceVersion}: every value it returns or delivers carries, as its
 * resourceVersion, the revision of the last write of that key (its <em>mod revision</em>). A
 * durable backend encodes values to bytes with the kind registry's codec and stamps the revision
 * when it decodes them; etcd keeps them under {@code /k4s/<group>/<plural>/<namespace>/<name>}
 * and uses etcd's revisions as they are; an SQL backend (kine's layout) keeps one table of rows
 * {@code (revision, key, value, deleted)} with the revision as its primary key.
 *
 * <p><b>Revisions.</b> One counter for the whole backend, strictly increasing with each write
 * (create, update or delete), never reused; gaps are allowed (etcd counts writes outside
 * {@code /k4s/}). {@link #currentRevision()} is the revision of the latest committed write, or
 * the revision of the empty store (etcd starts at 1, and so does the in-memory backend, so that a
 * resourceVersion of 0 can mean "no revision").
 *
 * <p><b>Writes.</b> {@link #create} only if the key is absent; {@link #update} and
 * {@link #delete} only if the key's mod revision is the expected one (etcd: a transaction
 * comparing {@code mod_revision}; SQL: a conditional insert on the latest row). The value of a
 * create or update is built by a function of the revision the write takes: the in-memory backend
 * calls it under its lock with that revision, so the value is built once, stamped; a backend that
 * learns the revision only when it commits calls it with {@code 0} and stamps the revision when it
 * decodes. The function is cheap and has no side effects, and is called once per call.
 *
 * <p><b>Watches.</b> {@link #watch} delivers every change after a revision to a {@link Listener},
 * in revision order, each once. The backend keeps the changes of a window of revisions; a watch
 * from before the window ({@link #compact}ed away) gets {@link Listener#expired} at once (etcd's
 * {@code ErrCompacted}, Kubernetes' {@code 410 Gone}), and so does a watcher the backend can no
 * longer serve; then it must list again.
 *
 * <p><b>Errors.</b> The typed failures of the API ({@link AlreadyExistsException},
 * {@link NotFoundException}, {@link ConflictException} naming the expected and the actual mod
 * revision) mean the write was not applied. Any other failure is a {@link StorageException}, and
 * for a write it is unknown whether it was applied (the watch will say).
 *
 * <p>Thread-safe: any thread may call any method. The contract is checked by the abstract test
 * {@code StorageBackendContract} (and the API layer over a backend by the other
 * {@code ...Contract} tests) in k4s-core's test jar; a backend module subclasses them.
 */
public interface StorageBackend extends AutoCloseable {

    /**
     * Name a stored value.
     *
     * @param kind      the kind name, for example {@code Container}
     * @param namespace the namespace
     * @param name      the name
     */
    record Key(String kind, String namespace, String name) {

        /** Requires all three parts. */
        public Key {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }

        /** The key of {@code resource}. */
        public static Key of(Resource resource) {
            return new Key(resource.kind(), resource.metadata().namespace(), resource.metadata().name());
        }

        /** The {@code namespace/name} part. */
        public ResourceKey resourceKey() {
            return new ResourceKey(namespace, name);
        }
    }

    /**
     * What a list read.
     *
     * @param items    the values, in no particular order
     * @param revision the revision they were read at: a watch from it misses nothing
     */
    record Listing(List<Resource> items, long revision) {

        /** Copies the items. */
        public Listing {
            items = List.copyOf(items);
        }
    }

    /**
     * One change.
     *
     * @param type     what happened
     * @param value    the value written; for a delete, the last value, stamped with the
     *                 revision of the delete
     * @param revision the revision of the write
     */
    record Event(Type type, Resource value, long revision) {

        /** What a change did to its key. */
        public enum Type {
            /** The key was created. */
            ADDED,
            /** The key's value was replaced. */
            MODIFIED,
            /** The key was removed. */
            DELETED
        }

        /** Requires every part. */
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Receive the changes of a {@link #watch}.
     *
     * <p>Called one call at a time, in revision order: on a thread of the backend, or on the
     * writing thread while the backend holds its lock (the in-memory backend does this, so its
     * watcher is current when a write returns). It must return quickly and must not call the
     * backend's writes.
     */
    interface Listener {

        /** A change after the revision watched from. */
        void changed(Event event);

        /**
         * Every change up to {@code revision} was delivered: the revisions after the last change
         * up to it are writes that are no change of a value (the etcd backend's fence). A reader
         * that waits for that revision may go on. Called in order with {@link #changed}; does
         * nothing unless overridden.
         */
        default void progress(long revision) {}

        /**
         * The watch ended: it asked for, or fell behind to, a revision the backend no longer keeps
         * ({@code reason} says which). No call follows; list again and watch from the list.
         */
        void expired(String reason);
    }

    /**
     * Whether watch listeners are called on the writing thread before a write returns (the
     * in-memory backend). Then the API layer knows its cache is current after every completed
     * write and skips asking {@link #currentRevision()} before each read; otherwise it waits for
     * its cache to reach that revision, so reads stay linearizable. False unless overridden.
     */
    default boolean deliversBeforeReturning() {
        return false;
    }

    /**
     * The value under {@code key}, stamped with its mod revision, if it exists.
     *
     * @throws StorageException if the backend failed
     */
    Optional<Resource> get(Key key);

    /**
     * The values of {@code kind} ({@code null}: every kind) in {@code namespace}
     * ({@code null}: all), read at the current revision, which is returned with them.
     *
     * @throws StorageException if the backend failed
     */
    Listing list(String kind, String namespace);

    /**
     * Store {@code valueAt}'s value under {@code key} if the key is absent.
     *
     * @return the stored value, stamped with the revision of the create
     * @throws AlreadyExistsException if the key exists
     * @throws StorageException       if the backend failed; the create may have been applied
     */
    Resource create(Key key, LongFunction<? extends Resource> valueAt);

    /**
     * Replace the value under {@code key} if its mod revision is {@code expectedRevision}.
     *
     * @return the stored value, stamped with the revision of the update
     * @throws NotFoundException if the key is absent
     * @throws ConflictException if its mod revision is another ({@link ConflictException#actual()})
     * @throws StorageException  if the backend failed; the update may have been applied
     */
    Resource update(Key key, long expectedRevision, LongFunction<? extends Resource> valueAt);

    /**
     * Remove the value under {@code key} if its mod revision is {@code expectedRevision}.
     *
     * @return the last value, stamped with the revision of the delete
     * @throws NotFoundException if the key is absent
     * @throws ConflictException if its mod revision is another
     * @throws StorageException  if the backend failed; the delete may have been applied
     */
    Resource delete(Key key, long expectedRevision);

    /**
     * Deliver every change after {@code fromRevision} to {@code listener}, then every new one,
     * until the returned handle is closed (after {@code close} returns, no call follows) or the
     * watch expires.
     *
     * @throws IllegalArgumentException if {@code fromRevision} is negative or after the current
     *                                  revision
     * @throws StorageException         if the backend failed
     */
    AutoCloseable watch(long fromRevision, Listener listener);

    /**
     * Forget the changes up to and including {@code revision} (the values stay): watches from
     * before it expire. A revision at or before the last compaction changes nothing.
     *
     * @throws IllegalArgumentException if {@code revision} is after the current revision
     * @throws StorageException         if the backend failed
     */
    void compact(long revision);

    /**
     * The revision of the latest committed write (or of the empty store); never less than the
     * mod revision of any value this backend returned or delivered. Cheap: the API layer calls it
     * before each read.
     *
     * @throws StorageException if the backend failed
     */
    long currentRevision();

    /**
     * Whether other JVMs may share this backend (etcd), so that nodes must prove they are alive
     * by renewing leases; false by default (memory, SQLite: one JVM).
     */
    default boolean shared() {
        return false;
    }

    /**
     * An election among the nodes that share this backend, for {@code identity} as candidate,
     * whose leader loses the leadership within {@code leaseDuration} of dying. By default (a
     * backend no other JVM shares: memory, SQLite) one that {@code identity} always wins. The
     * caller closes it before this backend.
     */
    default LeaderElection leaderElection(String identity, Duration leaseDuration) {
        return LeaderElection.always(identity);
    }

    /** Release what the backend holds; its watches end. Idempotent. */
    @Override
    void close();
}
