package io.k4s.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run each test of the annotated class against an in-memory k4s cluster: the workers and
 * reconcilers on the test class path, a {@link TestClock} that moves only when the test says
 * so, and every container's log kept in {@link CapturedLogs}.
 *
 * <p>Test methods and {@code @BeforeEach}/{@code @AfterEach} methods may declare parameters
 * of type {@link io.k4s.core.K4sCluster}, {@link io.k4s.api.Messenger},
 * {@link io.k4s.api.resource.ResourceClient}, {@link TestClock} and {@link CapturedLogs}.
 * The {@link #manifests()} are applied when the cluster starts, a method's {@link Apply} before
 * that method; nothing waits for what they create to be ready: assert that with
 * {@link K4sAssertions}, which waits.
 *
 * <pre>{@code
 * @K4sTest(manifests = "greeter.yaml")
 * class GreeterTest {
 *     @Test
 *     void greets(K4sCluster cluster, Messenger messenger) {
 *         assertThat(cluster).container("greeter-0").isReady();
 *         assertEquals("Hello, Ada!", messenger.request(Address.service("greeter"), "Ada").join());
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(K4sExtension.class)
public @interface K4sTest {

    /** Whether each test method gets a cluster of its own (the default) or the class shares one. */
    enum Lifecycle {
        /** A new cluster for every test method, closed after it. */
        PER_METHOD,
        /** One cluster for all the class's test methods, closed after the last. */
        PER_CLASS
    }

    /** One cluster per test method (default) or one for the whole class. */
    Lifecycle lifecycle() default Lifecycle.PER_METHOD;

    /**
     * Manifests to apply when the cluster starts: test resources on the class path, such as
     * {@code "greeter.yaml"} (relative to the root of the class path) in
     * {@code src/test/resources}.
     */
    String[] manifests() default {};

    /**
     * Where the {@link TestClock} starts, as an ISO-8601 instant such as
     * {@code "2030-01-01T00:00:00Z"}; empty (the default) for the time the cluster starts.
     */
    String clockStart() default "";
}
