package io.k4s.controllers;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Resources as the store would return them: with uid, resourceVersion and generation set. */
final class Fixtures {

    static final Instant CREATED = Instant.parse("2025-12-31T00:00:00Z");

    private Fixtures() {
    }

    static ObjectMeta stored(String name, String uid, long generation) {
        return ObjectMeta.of(name).withSystemFields(uid, 10, generation, CREATED);
    }

    /** A stored Container: with the kubelet's finalizer, as the ContainerReconciler leaves it. */
    static Container container(String name, String uid, long generation) {
        return Container.of(kubelet(stored(name, uid, generation)), ContainerSpec.of("echo"));
    }

    /** {@code meta} with the ContainerReconciler's finalizer. */
    static ObjectMeta kubelet(ObjectMeta meta) {
        return meta.withFinalizers(List.of(ContainerReconciler.FINALIZER));
    }

    static Container container(String name, Map<String, String> labels, boolean ready) {
        ContainerStatus status = new ContainerStatus(ContainerStatus.PENDING.phase(), "", "", ready, 0,
                null, null, "", 1);
        return new Container(kubelet(stored(name, "uid-" + name, 1).withLabels(labels)), ContainerSpec.of("echo"), status);
    }

    static Container ownedBy(ReplicaSet rs, String name, boolean ready) {
        ContainerStatus status = new ContainerStatus(ContainerStatus.PENDING.phase(), "", "", ready, 0,
                null, null, "", 1);
        ObjectMeta meta = kubelet(stored(name, "uid-" + name, 1)
                .withOwnerReferences(List.of(OwnerReference.controlledBy(rs))));
        return new Container(meta, ContainerSpec.of("echo"), status);
    }

    static ReplicaSet replicaSet(String name, int replicas) {
        ContainerTemplate template = new ContainerTemplate(Map.of("app", name), Map.of("note", "from template"),
                ContainerSpec.of("echo", Map.of("prefix", ">")));
        return ReplicaSet.of(stored(name, "uid-rs-" + name, 1), new ReplicaSetSpec(replicas, template));
    }

    static Service service(String name, Selector selector) {
        return Service.of(stored(name, "uid-svc-" + name, 1), new ServiceSpec(selector, null));
    }
}
