package io.k4s.test;

import io.k4s.api.Messenger;
import io.k4s.api.resource.ResourceClient;
import io.k4s.core.K4sCluster;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link K4sTest}: starts a {@link TestCluster} before each test
 * method or before the class, closes it after, applies {@link Apply} manifests, and resolves
 * parameters of the types {@link K4sTest} lists. Registered by the annotation; not for direct use.
 *
 * <p>JUnit calls it on the thread that runs the test; with parallel execution, each class's
 * clusters are its own.
 */
public final class K4sExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(K4sExtension.class);
    private static final String CLUSTER = "cluster";

    /** Made by JUnit through {@link K4sTest}. */
    public K4sExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        K4sTest settings = settings(context);
        if (settings.lifecycle() == K4sTest.Lifecycle.PER_CLASS) {
            start(context, settings);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        K4sTest settings = settings(context);
        TestCluster cluster = settings.lifecycle() == K4sTest.Lifecycle.PER_METHOD ? start(context, settings)
                : running(context).orElseThrow();
        Optional<Apply> apply = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), Apply.class);
        if (apply.isPresent()) {
            cluster.apply(apply.get(), "@Apply on " + context.getRequiredTestMethod().getName());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (settings(context).lifecycle() == K4sTest.Lifecycle.PER_METHOD) {
            close(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (settings(context).lifecycle() == K4sTest.Lifecycle.PER_CLASS) {
            close(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == K4sCluster.class || type == Messenger.class || type == ResourceClient.class
                || type == TestClock.class || type == CapturedLogs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestCluster cluster = running(context).orElseThrow(() -> new ParameterResolutionException("no k4s cluster"
                + " runs for " + parameter.getDeclaringExecutable() + ": @K4sTest injects the cluster into test"
                + " methods and @BeforeEach/@AfterEach methods (with lifecycle PER_CLASS also @BeforeAll/@AfterAll"
                + " ones), not into constructors"));
        Class<?> type = parameter.getParameter().getType();
        if (type == K4sCluster.class) {
            return cluster.cluster();
        } else if (type == Messenger.class) {
            return cluster.cluster().messenger();
        } else if (type == ResourceClient.class) {
            return cluster.cluster().resources();
        } else if (type == TestClock.class) {
            return cluster.clock();
        }
        return cluster.logs();
    }

    private static TestCluster start(ExtensionContext context, K4sTest settings) {
        TestCluster cluster = TestCluster.start(settings, context.getRequiredTestClass());
        context.getStore(NAMESPACE).put(CLUSTER, cluster);
        return cluster;
    }

    /** The cluster of this method's context or, with PER_CLASS, of its class's (the store looks up the parents). */
    private static Optional<TestCluster> running(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(CLUSTER, TestCluster.class));
    }

    private static void close(ExtensionContext context) {
        TestCluster cluster = context.getStore(NAMESPACE).remove(CLUSTER, TestCluster.class);
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The {@link K4sTest} of the test class or, for a {@code @Nested} class, of the nearest enclosing one. */
    private static K4sTest settings(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<K4sTest> found = AnnotationSupport.findAnnotation(c, K4sTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ExtensionConfigurationException(testClass + " uses K4sExtension without @K4sTest: annotate the"
                + " class with @K4sTest instead of @ExtendWith(K4sExtension.class)");
    }
}
