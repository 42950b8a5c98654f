package io.k4s.core.store;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.WatchEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small resources for store tests. */
final class Fixtures {

    /** A status that differs from the empty one. */
    static final ContainerStatus RUNNING = new ContainerStatus(ContainerPhase.RUNNING, "", "", true, 0, null,
            new MessageCounters(3, 2, 1, 0), "", 1);

    private Fixtures() {}

    static Container container(String name) {
        return container("default", name, Map.of());
    }

    static Container container(String namespace, String name, Map<String, String> labels) {
        return Container.of(ObjectMeta.of(namespace, name).withLabels(labels), ContainerSpec.of("echo"));
    }

    static Container ownedContainer(String name, Resource... owners) {
        List<OwnerReference> refs = Arrays.stream(owners).map(OwnerReference::controlledBy).toList();
        return Container.of(ObjectMeta.of(name).withOwnerReferences(refs), ContainerSpec.of("echo"));
    }

    static ReplicaSet replicaSet(String name, int replicas) {
        return ReplicaSet.of(ObjectMeta.of(name),
                new ReplicaSetSpec(replicas, ContainerTemplate.of(Map.of("app", name), ContainerSpec.of("echo"))));
    }

    static Resource resourceOf(WatchEvent event) {
        return switch (event) {
            case WatchEvent.Added a -> a.resource();
            case WatchEvent.Modified m -> m.resource();
            case WatchEvent.Deleted d -> d.resource();
            case WatchEvent.Expired e -> throw new AssertionError("unexpected " + e);
        };
    }
}
