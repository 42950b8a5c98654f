package io.k4s.core.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.K4sException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Kinds;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.Service;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KindRegistryTest {

    private final KindRegistry builtIn = KindRegistry.builtIn();

    @Test
    void find_acceptsKindInAnyCasePluralSingularAndShortNames() {
        for (String name : List.of("Container", "container", "containers", "ctr", " CTR ")) {
            assertEquals(Container.class, builtIn.find(name).orElseThrow().type(), name);
        }
        for (String name : List.of("ReplicaSet", "replicaset", "replicasets", "rs", "RS")) {
            assertEquals(ReplicaSet.class, builtIn.find(name).orElseThrow().type(), name);
        }
        for (String name : List.of("Service", "service", "services", "svc")) {
            assertEquals(Service.class, builtIn.find(name).orElseThrow().type(), name);
        }
        assertEquals(Optional.empty(), builtIn.find("pods"));
        assertEquals(Optional.empty(), builtIn.find((String) null));
    }

    @Test
    void kindOf_byType_andNames_sorted() {
        assertEquals(Kinds.REPLICA_SET, builtIn.kindOf(ReplicaSet.class));
        assertEquals(List.of("ConfigMap", "Container", "CronJob", "DaemonSet", "Deployment", "Event", "HorizontalAutoscaler", "Image", "Job",
                "Lease", "Namespace", "Node", "ReplicaSet", "ResourceQuota", "Secret", "Service"), builtIn.names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builtIn.kindOf(Resource.class));
        assertTrue(e.getMessage().contains("is not a registered kind; known kinds: ConfigMap, Container, CronJob,"
                + " DaemonSet, Deployment, Event, HorizontalAutoscaler, Image, Job, Lease, Namespace, Node, ReplicaSet, ResourceQuota, Secret, Service"), e.getMessage());
        assertEquals(Optional.of(Kinds.SERVICE), builtIn.forKind("Service"));
        assertEquals(Optional.empty(), builtIn.forKind("service"), "manifests spell kinds exactly");
    }

    @Test
    void require_listsTheKnownKinds_andSuggestsANearMiss() {
        assertEquals(Service.class, builtIn.require("svc").type());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builtIn.require("replicaste"));

        assertEquals("unknown kind \"replicaste\"; did you mean \"ReplicaSet\"? (known kinds: ConfigMap, Container,"
                + " CronJob, DaemonSet, Deployment, Event, HorizontalAutoscaler, Image, Job, Lease, Namespace, Node, ReplicaSet, ResourceQuota, Secret, Service; also"
                + " their plurals and the short names cm, ctr, cj, ds, deploy, ev, hpa, img, ns, no, rs, quota, svc)", e.getMessage());
    }

    @Test
    void providersOnTheClassLoader_addTheirKinds() {
        KindRegistry registry = KindRegistry.load(TestKinds.loader("widgets"));

        assertEquals(List.of("ConfigMap", "Container", "CronJob", "DaemonSet", "Deployment", "Event", "HorizontalAutoscaler", "Image", "Job",
                "Lease", "Namespace", "Node", "Note", "ReplicaSet", "ResourceQuota", "Secret", "Service", "Widget"), registry.names());
        assertEquals(TestKinds.WIDGET, registry.require("wdg"));
        assertEquals(TestKinds.WIDGET, registry.require("widgets"));
        assertEquals(TestKinds.NOTE, registry.kindOf(TestKinds.Note.class));
        assertEquals(List.of(), registry.problems());
        assertEquals("configmaps|cm, containers|ctr, cronjobs|cj, daemonsets|ds, deployments|deploy, events|ev,"
                + " horizontalautoscalers|hpa, images|img, jobs, leases, namespaces|ns, nodes|no, notes, replicasets|rs, resourcequotas|quota,"
                + " secrets, services|svc,"
                + " widgets|wdg", registry.pluralsAndShortNames());
    }

    @Test
    void aNameClaimedTwice_isAStartupError_namingBothProviders() {
        K4sException e = assertThrows(K4sException.class, () -> KindRegistry.load(TestKinds.loader("clash")));

        assertTrue(e.getMessage().startsWith("the name \"rs\" is claimed by kind ReplicaSet from "
                + Kinds.class.getName() + " (built in) and by kind Gadget from " + ClashingKinds.class.getName()
                + " (from "), e.getMessage());
        assertTrue(e.getMessage().endsWith("rename one of the kinds (kind, plural, singular or short names) or remove"
                + " one of the jars"), e.getMessage());
    }

    @Test
    void aKindNameOrTypeGivenTwice_isRefused() {
        ResourceKind<?> again = ResourceKind.builder(TestKinds.Widget.class, "Container", TestKinds.WIDGET_SPEC,
                TestKinds.WIDGET_STATUS, TestKinds.WidgetStatus.EMPTY, TestKinds.Widget::new).plural("things").build();

        K4sException byName = assertThrows(K4sException.class, () -> KindRegistry.of(List.of(again)));
        K4sException byType = assertThrows(K4sException.class,
                () -> KindRegistry.of(List.of(TestKinds.WIDGET, again)));

        assertTrue(byName.getMessage().contains("the name \"container\" is claimed by kind Container"),
                byName.getMessage());
        assertTrue(byType.getMessage().contains(TestKinds.Widget.class.getName()
                + " is the Java type of kind Widget from given and of kind Container from given"), byType.getMessage());
    }

    @Test
    void aProviderThatCannotBeLoaded_isSkipped_andReported() {
        KindRegistry registry = KindRegistry.load(TestKinds.loader("broken"));

        assertTrue(registry.find("widget").isPresent(), "the good provider still loads");
        assertEquals(1, registry.problems().size(), registry.problems().toString());
        assertTrue(registry.problems().getFirst().contains("io.k4s.core.kind.NoSuchProvider"),
                registry.problems().toString());
    }

    @Test
    void descriptorBuilder_checksNamesWhereTheyAreSet() {
        var builder = ResourceKind.builder(TestKinds.Note.class, "Thing", TestKinds.NOTE_DATA, TestKinds.Note::new);

        assertThrows(IllegalArgumentException.class, () -> builder.plural("Things"));
        assertThrows(IllegalArgumentException.class, () -> builder.shortNames("t-1"));
        assertThrows(IllegalArgumentException.class, () -> ResourceKind.builder(TestKinds.Note.class, "thing",
                TestKinds.NOTE_DATA, TestKinds.Note::new));
        ResourceKind<TestKinds.Note> thing = builder.build();
        assertEquals("things", thing.plural());
        assertEquals("thing", thing.singular());
        assertTrue(thing.namespaced());
    }
}
