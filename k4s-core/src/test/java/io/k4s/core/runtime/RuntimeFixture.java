package io.k4s.core.runtime;

import static org.mockito.Mockito.mock;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.core.Await;
import io.k4s.core.messaging.Router;
import io.k4s.core.messaging.RouterConfig;
import io.k4s.core.registry.WorkerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real runtime and router with the {@link TestWorkers}, for one test; closing it checks that
 * no k4s thread is left.
 */
public final class RuntimeFixture implements AutoCloseable {

    private static final WorkerRegistry REGISTRY = TestWorkers.registry();
    private static final ResourceClient RESOURCES = mock(ResourceClient.class);

    public final Router router;
    public final VirtualThreadRuntime runtime;
    /** Every runtime event, in order. */
    public final Queue<RuntimeEvent> events = new ConcurrentLinkedQueue<>();

    /** Fast backoff (10 ms doubling to 40 ms) and a short shutdown grace. */
    public RuntimeFixture() {
        this(RouterConfig.defaults());
    }

    public RuntimeFixture(RouterConfig routerConfig) {
        this(new RuntimeConfig(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(10),
                Duration.ofMillis(200)), routerConfig);
    }

    public RuntimeFixture(RuntimeConfig runtimeConfig, RouterConfig routerConfig) {
        TestWorkers.reset();
        router = new Router(routerConfig);
        runtime = new VirtualThreadRuntime(REGISTRY, router, RESOURCES, runtimeConfig, Clock.systemUTC());
        runtime.subscribe(events::add);
    }

    /** The registry of the test workers only. */
    public static WorkerRegistry registry() {
        return REGISTRY;
    }

    /** The resource client the workers get (a mock: the runtime only passes it on). */
    public static ResourceClient resources() {
        return RESOURCES;
    }

    /** A stored-looking Container {@code default/name} (uid {@code uid-name}, generation 1). */
    public static Container container(String name, ContainerSpec spec) {
        return container("default", name, spec, Map.of(), 1);
    }

    public static Container container(String namespace, String name, ContainerSpec spec,
                                      Map<String, String> labels, long generation) {
        ObjectMeta meta = ObjectMeta.of(namespace, name).withLabels(labels)
                .withSystemFields("uid-" + name, generation, generation, Instant.EPOCH);
        return Container.of(meta, spec);
    }

    /** The script worker with {@code params}. */
    public static ContainerSpec script(Map<String, ?> params) {
        return ContainerSpec.of("test-script", params);
    }

    /** Start {@code default/name} running the script worker and wait until it is ready. */
    public ContainerState startReady(String name, ContainerSpec spec) {
        return startReady("default", name, spec);
    }

    public ContainerState startReady(String namespace, String name, ContainerSpec spec) {
        runtime.start(container(namespace, name, spec, Map.of(), 1));
        ResourceKey key = ResourceKey.of(namespace, name);
        Await.until(() -> runtime.state(key).map(ContainerState::ready).orElse(false), key + " ready");
        return runtime.state(key).orElseThrow();
    }

    /** The state of {@code default/name}, which must be known. */
    public ContainerState state(String name) {
        return runtime.state(ResourceKey.of(name)).orElseThrow(() -> new AssertionError(name + " is not known"));
    }

    /** Close runtime and router; fail if a k4s platform thread or a container thread is still alive. */
    @Override
    public void close() {
        runtime.close();
        router.close();
        List<String> platform = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith("k4s-")).toList();
        if (!platform.isEmpty()) {
            throw new AssertionError("k4s threads still alive after close: " + platform);
        }
        List<String> containers = TestWorkers.THREADS.values().stream()
                .filter(Thread::isAlive).map(Thread::getName).toList();
        if (!containers.isEmpty()) {
            throw new AssertionError("container threads still alive after close: " + containers);
        }
    }
}
