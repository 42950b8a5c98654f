package io.k4s.store.sqlite;

import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend;
import io.k4s.core.store.StorageProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Open {@code sqlite:DIR} locations as a {@link SqliteBackend} in DIR: what {@code --data-dir DIR}
 * and {@code K4sCluster.builder().dataDir(dir)} ask for. Registered in
 * {@code META-INF/services/io.k4s.core.store.StorageProvider}. Stateless.
 */
public final class SqliteProvider implements StorageProvider {

    /** The scheme: {@code sqlite}. */
    public static final String SCHEME = "sqlite";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String usage() {
        return "sqlite:DIR (or --data-dir DIR)";
    }

    @Override
    public StorageBackend open(String location, KindRegistry kinds) {
        String path = location.startsWith(SCHEME + ":") ? location.substring(SCHEME.length() + 1) : "";
        if (path.startsWith("//")) {
            path = path.substring(2); // sqlite:///var/lib/k4s, as a URL would write it
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("storage location \"" + location + "\" names no folder; write " + usage());
        }
        try {
            return SqliteBackend.open(Path.of(path), kinds);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("storage location \"" + location + "\": " + e.getMessage() + "; write "
                    + usage(), e);
        }
    }
}
