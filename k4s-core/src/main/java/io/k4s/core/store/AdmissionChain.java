package io.k4s.core.store;

import com.google.common.util.concurrent.Striped;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Run the store's admissions before a write and the write itself, holding a lock of the
 * resource's namespace while both run when an admission asks for it ({@link Admission#serialized}).
 * The lock is this JVM's: stores of several JVMs over one backend each admit on their own.
 */
final class AdmissionChain {

    private static final int LOCK_STRIPES = 64;

    private final List<Admission> admissions;
    private final Striped<Lock> namespaceLocks = Striped.lock(LOCK_STRIPES);

    AdmissionChain(List<Admission> admissions) {
        this.admissions = List.copyOf(admissions);
    }

    /** Admit {@code desired} ({@code stored}: null for a create), then run {@code write}. */
    <T> T write(Resource desired, Resource stored, ResourceClient store, Supplier<T> write) {
        if (admissions.isEmpty()) {
            return write.get();
        }
        boolean serialized = false;
        for (int i = 0; i < admissions.size() && !serialized; i++) { // every write: no stream
            serialized = admissions.get(i).serialized(desired, store);
        }
        Lock lock = serialized ? namespaceLocks.get(desired.metadata().namespace()) : null;
        if (lock != null) {
            lock.lock();
        }
        try {
            for (Admission a : admissions) {
                a.admit(desired, stored, store);
            }
            return write.get();
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }
}
