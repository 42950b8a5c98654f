package io.k4s.store.sqlite;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Service;
import io.k4s.core.K4sCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A child process for {@code ClusterRestartTest}: a cluster on a data folder that applies
 * {@code args[1]} (YAML), waits until ReplicaSet {@code calc} is ready, prints
 * {@code resource KIND/NAME UID RV} for every resource and {@code ready}, then writes an
 * annotation on ReplicaSet {@code calc} again and again, printing {@code tick N} after each,
 * until it is killed.
 */
public final class ClusterChild {

    private ClusterChild() {}

    /** {@code args[0]}: the data folder; {@code args[1]}: a manifest. */
    public static void main(String[] args) {
        K4sCluster cluster = K4sCluster.builder().dataDir(Path.of(args[0])).start();
        cluster.apply(args[1]);
        cluster.awaitReady("calc", Duration.ofSeconds(60));
        for (Class<? extends Resource> type : List.of(ReplicaSet.class, Container.class, Service.class)) {
            for (Resource r : cluster.resources().list(type, null).items()) {
                System.out.println("resource " + r.kind() + "/" + r.metadata().name() + " " + r.metadata().uid() + " "
                        + r.metadata().resourceVersion());
            }
        }
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            ReplicaSet rs = cluster.resources().get(ReplicaSet.class, "default", "calc").orElseThrow();
            cluster.resources().update(rs.withMetadata(rs.metadata().withAnnotations(Map.of("tick", Long.toString(i)))));
            System.out.println("tick " + i);
            System.out.flush();
        }
    }
}
