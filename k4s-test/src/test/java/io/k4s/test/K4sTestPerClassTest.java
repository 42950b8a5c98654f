package io.k4s.test;

import static io.k4s.test.K4sAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.core.K4sCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code @K4sTest(lifecycle = PER_CLASS)}: one cluster for every test of the class, in order. */
@K4sTest(lifecycle = K4sTest.Lifecycle.PER_CLASS, manifests = "/kit-greeter.yaml")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class K4sTestPerClassTest {

    private static K4sCluster fromBeforeAll;

    @BeforeAll
    static void waitUntilReady(K4sCluster cluster) {
        fromBeforeAll = cluster;
        assertThat(cluster).container("greeter-0").isReady();
    }

    @Test
    @Order(1)
    void theFirstTest_scalesTheGreeters(K4sCluster cluster) {
        cluster.scale("greeter", 3);

        assertThat(cluster).container("greeter-2").isReady();
    }

    @Test
    @Order(2)
    void theNextTest_findsTheClusterAsTheFirstLeftIt(K4sCluster cluster, Messenger messenger) {
        assertEquals(fromBeforeAll, cluster);
        assertEquals("Hello, Cy!", messenger.request(Address.container("greeter-2"), "Cy").join());
    }
}
