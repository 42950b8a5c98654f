package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 Kubernetes client (JDK HTTP client) drives k4s kinds as it drives Kubernetes custom
 * resources: it finds them through discovery, creates, reads, lists by label, updates, scales,
 * writes status, watches (resuming, and told 410 for a forgotten revision) and deletes, and
 * every error arrives as a Status with Kubernetes' code and reason.
 */
class Fabric8ClientTest {

    private static TestServer s;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start();
        Config config = new ConfigBuilder().withMasterUrl(s.server.uri().toString()).withNamespace("default")
                .withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        s.close();
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> widgets() {
        return client.genericKubernetesResources("example.com/v1", "Widget");
    }

    private static GenericKubernetesResource widget(String name, String color, Map<String, String> labels) {
        return new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .addToAdditionalProperties("spec", Map.of("color", color, "replicas", 1)).build();
    }

    @Test
    void crud_throughDiscovery() {
        GenericKubernetesResource created = widgets().inNamespace("default")
                .resource(widget("crud", "red", Map.of("app", "crud"))).create();
        assertNotNull(created.getMetadata().getUid());
        assertEquals("default", created.getMetadata().getNamespace());

        GenericKubernetesResource read = widgets().inNamespace("default").withName("crud").get();
        assertEquals("red", ((Map<?, ?>) read.get("spec")).get("color"));

        read.setAdditionalProperty("spec", Map.of("color", "blue", "replicas", 2));
        GenericKubernetesResource updated = widgets().inNamespace("default").resource(read).update();
        assertEquals("blue", ((Map<?, ?>) updated.get("spec")).get("color"));
        assertTrue(Long.parseLong(updated.getMetadata().getResourceVersion())
                > Long.parseLong(created.getMetadata().getResourceVersion()));

        widgets().inNamespace("default").withName("crud").delete();
        assertNull(widgets().inNamespace("default").withName("crud").get());
    }

    @Test
    void list_withLabelSelectors() {
        widgets().inNamespace("default").resource(widget("la", "red", Map.of("tier", "front", "app", "l"))).create();
        widgets().inNamespace("default").resource(widget("lb", "red", Map.of("tier", "back", "app", "l"))).create();
        List<String> front = widgets().inNamespace("default").withLabel("tier", "front").list().getItems().stream()
                .map(w -> w.getMetadata().getName()).toList();
        assertEquals(List.of("la"), front);
        List<String> app = widgets().inAnyNamespace().withLabels(Map.of("app", "l")).list().getItems().stream()
                .map(w -> w.getMetadata().getName()).toList();
        assertEquals(List.of("la", "lb"), app);
    }

    @Test
    void scale_throughTheScaleSubresource() {
        widgets().inNamespace("default").resource(widget("sc", "red", Map.of())).create();
        widgets().inNamespace("default").withName("sc").scale(4);
        GenericKubernetesResource scaled = widgets().inNamespace("default").withName("sc").get();
        assertEquals(4, ((Number) ((Map<?, ?>) scaled.get("spec")).get("replicas")).intValue());
    }

    @Test
    void status_isWrittenThroughTheStatusSubresourceOnly() {
        GenericKubernetesResource w = widgets().inNamespace("default").resource(widget("st", "red", Map.of()))
                .create();
        w.setAdditionalProperty("status", Map.of("replicas", 3, "phase", "Painted"));
        w.setAdditionalProperty("spec", Map.of("color", "blue", "replicas", 1));
        GenericKubernetesResource written = widgets().inNamespace("default").resource(w).updateStatus();
        assertEquals("Painted", ((Map<?, ?>) written.get("status")).get("phase"));
        assertEquals("red", ((Map<?, ?>) written.get("spec")).get("color"), "status writes leave the spec alone");
    }

    @Test
    void update_withAStaleResourceVersion_is409Conflict() {
        GenericKubernetesResource first = widgets().inNamespace("default")
                .resource(widget("stale", "red", Map.of())).create();
        GenericKubernetesResource copy = widgets().inNamespace("default").withName("stale").get();
        copy.setAdditionalProperty("spec", Map.of("color", "blue"));
        widgets().inNamespace("default").resource(copy).update();
        first.setAdditionalProperty("spec", Map.of("color", "red", "replicas", 3));
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> widgets().inNamespace("default").resource(first).update());
        assertEquals(409, e.getCode());
        assertEquals("Conflict", e.getStatus().getReason());
    }

    @Test
    void errors_carryKubernetesCodesAndReasons() {
        widgets().inNamespace("default").resource(widget("dup", "red", Map.of())).create();
        KubernetesClientException exists = assertThrows(KubernetesClientException.class,
                () -> widgets().inNamespace("default").resource(widget("dup", "red", Map.of())).create());
        assertEquals(409, exists.getCode());
        assertEquals("AlreadyExists", exists.getStatus().getReason());

        KubernetesClientException invalid = assertThrows(KubernetesClientException.class,
                () -> widgets().inNamespace("default").resource(widget("bad", "green", Map.of())).create());
        assertEquals(422, invalid.getCode());
        assertEquals("Invalid", invalid.getStatus().getReason());
        List<String> fields = invalid.getStatus().getDetails().getCauses().stream().map(StatusCause::getField)
                .toList();
        assertEquals(List.of("spec.color"), fields);

        assertNull(widgets().inNamespace("default").withName("ghost").get(), "a 404 reads as no object");

        KubernetesClientException badSelector = assertThrows(KubernetesClientException.class,
                () -> widgets().inNamespace("default").withLabelSelector("tier in (front").list());
        assertEquals(400, badSelector.getCode());
        assertEquals("BadRequest", badSelector.getStatus().getReason());
    }

    @Test
    void watch_deliversChangesAndResumesFromAResourceVersion() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        String since = widgets().inNamespace("default").list().getMetadata().getResourceVersion();
        try (var watch = widgets().inNamespace("default").withResourceVersion(since).watch(recorder(events, null))) {
            widgets().inNamespace("default").resource(widget("w1", "red", Map.of())).create();
            widgets().inNamespace("default").withName("w1").delete();
            assertEquals("ADDED w1", events.poll(30, TimeUnit.SECONDS));
            assertEquals("DELETED w1", events.poll(30, TimeUnit.SECONDS));
        }
        // Resume from the revision before both changes: the same two events again, in order.
        BlockingQueue<String> replay = new LinkedBlockingQueue<>();
        try (var watch = widgets().inNamespace("default").withResourceVersion(since).watch(recorder(replay, null))) {
            assertEquals("ADDED w1", replay.poll(30, TimeUnit.SECONDS));
            assertEquals("DELETED w1", replay.poll(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void watch_fromAForgottenRevision_closesWith410() throws Exception {
        String old = String.valueOf(s.cluster.resources().resourceVersion());
        GenericKubernetesResource w = widgets().inNamespace("default").resource(widget("churn", "red", Map.of()))
                .create();
        // Write until the store no longer remembers revision `old` (its history is bounded).
        WidgetKinds.Widget churn = s.cluster.resources().get(WidgetKinds.Widget.class, "default", "churn").orElseThrow();
        for (int i = 0; i < 300_000 && !forgotten(Long.parseLong(old)); i++) {
            churn = s.cluster.resources().updateStatus(churn.withStatus(new WidgetKinds.WidgetStatus(i % 10, "p" + i)));
        }
        assertTrue(forgotten(Long.parseLong(old)), "the store still remembers revision " + old);
        CompletableFuture<WatcherException> closed = new CompletableFuture<>();
        try (var watch = widgets().inNamespace("default").withResourceVersion(old)
                .watch(recorder(new LinkedBlockingQueue<>(), closed))) {
            WatcherException e = closed.get(30, TimeUnit.SECONDS);
            assertTrue(e.isHttpGone(), "expected 410 Gone, got " + e);
        }
        assertNotNull(w);
    }

    private static boolean forgotten(long revision) {
        try (Watch w = s.cluster.resources().watch(WidgetKinds.Widget.class, "default", revision)) {
            return w.next(Duration.ZERO) instanceof WatchEvent.Expired;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Watcher<GenericKubernetesResource> recorder(BlockingQueue<String> events,
                                                               CompletableFuture<WatcherException> closed) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                if (closed != null) {
                    closed.complete(cause);
                }
            }
        };
    }

    @Test
    void metadata_fromJava_isServedAsKubernetesMetadata() {
        s.cluster.apply(new WidgetKinds.Widget(ObjectMeta.of("default", "java"), new WidgetKinds.WidgetSpec("blue", 2),
                null));
        GenericKubernetesResource w = widgets().inNamespace("default").withName("java").get();
        assertEquals("java", w.getMetadata().getName());
        assertNotNull(w.getMetadata().getCreationTimestamp());
    }
}
