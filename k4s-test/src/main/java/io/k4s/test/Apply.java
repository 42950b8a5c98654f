package io.k4s.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Apply manifests before this test method runs, after those of {@link K4sTest#manifests()}:
 * test resources named in {@link #value()}, then the YAML of {@link #yaml()}. An invalid
 * manifest fails the test before it starts, with the file, line and field the error names.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Apply {

    /** Manifests on the test class path, such as {@code "greeter.yaml"}. */
    String[] value() default {};

    /** A manifest written out in the annotation, applied after those of {@link #value()}. */
    String yaml() default "";
}
