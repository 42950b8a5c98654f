package io.k4s.bench;

import io.k4s.api.Messenger;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.core.K4sCluster;
import java.util.List;
import java.util.Map;

/**
 * Run stages on a real {@link K4sCluster}: per stage a ReplicaSet of the stage's worker (labels
 * {@code app: NAME}) and a Service of the same name selecting it with the stage's policy.
 *
 * <p>{@link #start} returns when every ReplicaSet is ready and every Service routes to all its
 * replicas.
 */
final class K4sFabric implements Fabric {

    private final K4sCluster cluster;

    private K4sFabric(K4sCluster cluster) {
        this.cluster = cluster;
    }

    static K4sFabric start(List<Stage> stages) {
        K4sCluster cluster = K4sCluster.start();
        try {
            for (Stage stage : stages) {
                ContainerSpec spec = new ContainerSpec(stage.worker(), stage.params(), null,
                        stage.mailboxCapacity(), null);
                cluster.apply(ReplicaSet.of(ObjectMeta.of(stage.name()),
                        new ReplicaSetSpec(stage.replicas(), ContainerTemplate.of(labels(stage), spec))));
            }
            for (Stage stage : stages) {
                cluster.awaitReady(stage.name(), READY_TIMEOUT);
            }
            // Services after their containers are ready, so no Service starts out selecting nothing.
            for (Stage stage : stages) {
                cluster.apply(Service.of(ObjectMeta.of(stage.name()),
                        new ServiceSpec(Selector.labels(labels(stage)), stage.loadBalancing())));
            }
            for (Stage stage : stages) {
                cluster.awaitEndpoints(stage.name(), stage.replicas(), READY_TIMEOUT);
            }
            return new K4sFabric(cluster);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static Map<String, String> labels(Stage stage) {
        return Map.of("app", stage.name());
    }

    /** The cluster, for benchmarks that look at more than messaging. */
    K4sCluster cluster() {
        return cluster;
    }

    @Override
    public Variant variant() {
        return Variant.K4S;
    }

    @Override
    public Messenger messenger() {
        return cluster.messenger();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
