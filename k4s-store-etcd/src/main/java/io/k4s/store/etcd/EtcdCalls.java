package io.k4s.store.etcd;

import io.k4s.api.resource.StorageException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wait for etcd's answers with a deadline and say what a failure means: every call completes
 * within the timeout, or fails with a {@link StorageException} that names the endpoints, the
 * operation and the time waited (for a write: it may have been applied). Immutable and
 * thread-safe.
 */
final class EtcdCalls {

    private final String where;
    private final Duration timeout;

    EtcdCalls(String where, Duration timeout) {
        this.where = where;
        this.timeout = timeout;
    }

    String where() {
        return where;
    }

    /** The answer to the read {@code what}, within the timeout. */
    <T> T await(String what, CompletableFuture<T> answer) {
        return await(what, answer, "");
    }

    /** The answer to the write {@code what}, within the timeout; a failure says it may have been applied. */
    <T> T awaitWrite(String what, CompletableFuture<T> answer) {
        return await(what, answer, " (the write may have been applied: read it again)");
    }

    private <T> T await(String what, CompletableFuture<T> answer, String note) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new StorageException("etcd at " + where + " did not answer " + what + " within "
                    + timeout.toMillis() + " ms; is it running?" + note, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StorageException("etcd at " + where + " failed " + what + ": " + cause.getMessage() + note, cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for etcd at " + where + " to answer " + what + note, e);
        }
    }
}
