package io.k4s.demo;

import io.k4s.core.K4sClusterBuilder;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a cluster keeps its resources: {@code --data-dir DIR} (an embedded database in DIR) or
 * {@code --store etcd://HOST:PORT[,...]}, at most one of them; in memory when neither is given.
 * A picocli mixin, so {@code run} and {@code serve} take the same options.
 */
final class StorageOptions {

    /** The two choices; picocli refuses both at once. */
    static final class Choice {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Keep every resource in an embedded database (SQLite) in DIR, created if missing;"
                        + " a restart on the same DIR brings the cluster back. One process per DIR.")
        Path dataDir;

        @Option(names = "--store", paramLabel = "etcd://HOST:PORT[,HOST:PORT...]",
                description = "Keep every resource in etcd (keys under /k4s/; a path after the ports picks another"
                        + " prefix). sqlite:DIR is the same as --data-dir DIR.")
        String store;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    /** Point {@code builder} at the storage asked for, if any. */
    void applyTo(K4sClusterBuilder builder) {
        if (choice == null) {
            return;
        }
        if (choice.dataDir != null) {
            builder.dataDir(choice.dataDir);
        } else if (choice.store != null) {
            builder.storage(choice.store);
        }
    }
}
