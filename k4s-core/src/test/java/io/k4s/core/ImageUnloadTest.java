package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.DeadLetter;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.core.registry.TestJars;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image removed while containers use it keeps serving them, and once the last one stops its
 * class loader is closed and collected: nothing in k4s keeps a reference to it, though its
 * worker left its classes in timers, a thread-local, replies and dead letters.
 */
class ImageUnloadTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ImageRef LEAKY = ImageRef.parse("leaky:1.0");
    /** Full collections allowed for the loader to go: a collectable loader goes at the first or second. */
    private static final int MAX_GCS = 10;

    @TempDir
    Path tmp;

    private K4sCluster cluster;

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void removedWhileInUse_keepsServing_thenUnloadedAndCollectedWhenTheLastContainerStops() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = TestJars.jar(plugins.resolve(LEAKY.jarName()), ImageJars.leaky(), List.of("com.example.LeakyWorker"));
        cluster = K4sCluster.builder().plugins(plugins).start();
        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: leaky}
                spec:
                  replicas: 2
                  template:
                    metadata: {labels: {app: leaky}}
                    spec: {worker: leaky, image: "leaky:1.0", terminationGracePeriod: 1s}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: leaky}
                spec: {selector: {app: leaky}}
                """);
        cluster.awaitEndpoints("leaky", 2, WAIT);
        assertEquals("sent", ask("poison"));
        cluster.await(WAIT, "the poisoned message to be a dead letter", () -> cluster.deadLetterCount() == 1);
        assertEquals("com.example.LeakyWorker$Poison", cluster.deadLetters().getFirst().payload().getClass().getName());
        WeakReference<ClassLoader> loader = loaderOfAReply();

        Files.delete(jar);
        cluster.await(WAIT, "the Image to be Removed, still in use", () -> image().map(i -> i.status().phase()
                == ImagePhase.REMOVED && i.status().containerCount() == 2).orElse(false));
        assertEquals("greeting", String.valueOf(ask("hello")), "a removed image keeps serving its containers");

        cluster.delete(ReplicaSet.class, "leaky");
        cluster.await(WAIT, "every leaky container to be gone", () -> cluster.resources()
                .list(Container.class, ObjectMeta.DEFAULT_NAMESPACE).items().isEmpty() && cluster.runtime().list().isEmpty());
        cluster.await(WAIT, "the Image to be deleted once unloaded", () -> image().isEmpty());
        DeadLetter scrubbed = cluster.deadLetters().getFirst();
        assertEquals("<a com.example.LeakyWorker$Poison of image leaky:1.0, unloaded>", scrubbed.payload());
        assertTrue(scrubbed.cause().getMessage().contains("poisoned"), scrubbed.cause()::toString);

        int collections = 0;
        while (loader.get() != null && collections < MAX_GCS) {
            System.gc();
            collections++;
        }
        assertNull(loader.get(), () -> "the class loader of leaky:1.0 is still reachable after " + MAX_GCS
                + " GCs: something in k4s still refers to it (take a heap dump to see what)");
    }

    private Object ask(String payload) {
        return cluster.messenger().request(Address.service("leaky"), payload, WAIT).join();
    }

    /** In a method of its own, so that no local variable of the test keeps the reply (and its class) alive. */
    private WeakReference<ClassLoader> loaderOfAReply() {
        Object reply = ask("hello");
        assertEquals("com.example.LeakyWorker$Greeting", reply.getClass().getName());
        assertEquals("image leaky:1.0", reply.getClass().getClassLoader().getName());
        return new WeakReference<>(reply.getClass().getClassLoader());
    }

    private Optional<Image> image() {
        return cluster.resources().get(Image.class, ObjectMeta.DEFAULT_NAMESPACE, LEAKY.resourceName());
    }
}
