package io.k4s.core.control;

import static io.k4s.core.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.k4s.api.control.Reconciler;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.controllers.ReplicaSetReconciler;
import io.k4s.controllers.ServiceReconciler;
import io.k4s.core.Await;
import io.k4s.core.store.InMemoryResourceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The manager driving the shipped ReplicaSet and Service reconcilers over the real store. */
class ControllerManagerWithControllersTest {

    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final ControllerManager manager = new ControllerManager(store, new FakeRuntime(),
            List.<Reconciler>of(new ReplicaSetReconciler(), new ServiceReconciler()),
            ControllerConfig.defaults().withResyncPeriod(Duration.ofHours(1)), Clock.systemUTC());

    @AfterEach
    void close() {
        manager.close();
        store.close();
    }

    private List<String> containerNames() {
        return store.list(Container.class, "default").items().stream().map(c -> c.metadata().name()).toList();
    }

    private ReplicaSet rs() {
        return store.get(ReplicaSet.class, "default", "calc").orElseThrow();
    }

    private Service svc() {
        return store.get(Service.class, "default", "calc").orElseThrow();
    }

    private String endpointsReason() {
        return svc().status().conditions().stream().filter(c -> c.type().equals("EndpointsReady"))
                .map(Condition::reason).findFirst().orElse("none");
    }

    /** Do what the kubelet would: report the container running and ready. */
    private void markReady(String name) {
        Container c = store.get(Container.class, "default", name).orElseThrow();
        store.updateStatus(c.withStatus(new ContainerStatus(ContainerPhase.RUNNING, "", "", true, 0, null, null, "",
                c.metadata().generation())));
    }

    @Test
    void replicaSetAndService_convergeThroughScaleUpReadinessScaleDownAndManualDelete() {
        manager.start();
        store.create(ReplicaSet.of(ObjectMeta.of("calc"), new ReplicaSetSpec(3,
                ContainerTemplate.of(Map.of("app", "calc"), ContainerSpec.of("echo")))));
        store.create(Service.of(ObjectMeta.of("calc"), new ServiceSpec(Selector.labels(Map.of("app", "calc")), null)));

        until(() -> containerNames().equals(List.of("calc-0", "calc-1", "calc-2")), "three replicas");
        until(() -> rs().status().replicas() == 3, "ReplicaSet status to count them");
        until(() -> endpointsReason().equals("NoReadyContainers"), "the Service to see no ready container");

        markReady("calc-0");
        markReady("calc-1");

        until(() -> svc().status().endpoints().equals(List.of("calc-0", "calc-1")), "two endpoints");
        until(() -> rs().status().readyReplicas() == 2, "two ready replicas");

        store.update(rs().withSpec(rs().spec().withReplicas(1)));

        until(() -> containerNames().equals(List.of("calc-0")), "scale down to calc-0");
        until(() -> svc().status().endpoints().equals(List.of("calc-0")), "one endpoint");
        until(() -> rs().status().observedGeneration() == 2 && rs().status().replicas() == 1, "status of generation 2");

        String oldUid = store.get(Container.class, "default", "calc-0").orElseThrow().metadata().uid();
        store.delete(Container.class, "default", "calc-0");

        until(() -> store.get(Container.class, "default", "calc-0").map(Resource::metadata)
                .filter(m -> !m.uid().equals(oldUid)).isPresent(), "calc-0 to be recreated");
        until(() -> svc().status().endpoints().isEmpty(), "the recreated container is not ready yet");
        assertNotEquals(oldUid, store.get(Container.class, "default", "calc-0").orElseThrow().metadata().uid());
        until(manager::idle, "the manager to be idle");
        assertEquals(Map.of(), manager.lastErrors("ReplicaSetReconciler"));
        assertEquals(Map.of(), manager.lastErrors("ServiceReconciler"));
    }
}
