package io.k4s.api.resource;

import io.k4s.api.K4sException;

/**
 * Report that the storage under the store failed a read or a write (a database or etcd that
 * cannot be reached, a disk error).
 *
 * <p>For a write, whether it was applied is unknown (a timeout may hide a commit): read the
 * resource again before retrying. What to do: check the storage named in the message.
 */
public class StorageException extends K4sException {

    /** The storage failed as {@code message} says. */
    public StorageException(String message) {
        super(message);
    }

    /** The storage failed as {@code message} says, because of {@code cause}. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
