package io.k4s.test;

import static io.k4s.test.K4sAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ResourceClient;
import io.k4s.core.K4sCluster;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code @K4sTest}: a new cluster for each test method, the class's manifests applied from test
 * resources, a method's own with {@code @Apply}, the cluster's parts injected.
 */
@K4sTest(manifests = "kit-greeter.yaml")
class K4sTestPerMethodTest {

    /** Every cluster a test of this class got, to show that none is shared. */
    private static final List<K4sCluster> SEEN = new CopyOnWriteArrayList<>();

    private K4sCluster fromBeforeEach;

    @BeforeEach
    void remember(K4sCluster cluster) {
        fromBeforeEach = cluster;
    }

    @Test
    void theManifestsAreApplied_andTheClusterItsMessengerAndResourcesAreInjected(K4sCluster cluster,
            Messenger messenger, ResourceClient resources) {
        assertThat(cluster).container("greeter-0").isReady();
        assertThat(cluster).service("greeter").hasEndpoints(2);

        assertEquals("Hello, Ada!", messenger.request(Address.service("greeter"), "Ada").join());
        assertSame(cluster.messenger(), messenger);
        assertSame(cluster.resources(), resources);
        assertSame(cluster, fromBeforeEach, "the @BeforeEach method saw the test's cluster");
        assertNewCluster(cluster);
    }

    @Test
    @Apply(yaml = """
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: extra}
            spec: {worker: kit-greeter}
            """)
    void applyOnAMethod_addsItsManifests_toThatMethodsClusterOnly(K4sCluster cluster, Messenger messenger) {
        assertThat(cluster).container("extra").isReady();

        assertEquals("Hello, Bob!", messenger.request(Address.container("extra"), "Bob").join());
        assertNewCluster(cluster);
    }

    @Test
    void aMethodWithoutApply_doesNotSeeAnotherMethodsContainers(ResourceClient resources, K4sCluster cluster) {
        assertTrue(resources.get(Container.class, "default", "extra").isEmpty());
        assertTrue(resources.get(Container.class, "default", "greeter-0").isPresent());
        assertNewCluster(cluster);
    }

    @Nested
    class InANestedClass {
        @Test
        void theEnclosingClassesSettingsApply(K4sCluster cluster, ResourceClient resources) {
            assertThat(cluster).container("greeter-1").isReady();
            assertTrue(resources.get(Container.class, "default", "extra").isEmpty());
            assertNewCluster(cluster);
        }
    }

    private static void assertNewCluster(K4sCluster cluster) {
        SEEN.forEach(other -> assertNotSame(other, cluster, "each test method gets its own cluster"));
        assertFalse(SEEN.contains(cluster));
        SEEN.add(cluster);
    }
}
