package io.k4s.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Name a worker type and describe it for {@code k4s-demo workers}.
 *
 * <p>Without this annotation the name is derived from the class name: the {@code Worker}
 * suffix is dropped and the rest is written in kebab case ({@code EchoWorker} becomes
 * {@code echo}, {@code TextProcessorWorker} becomes {@code text-processor}). The fully
 * qualified class name always works as well.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WorkerType {

    /** The type name a manifest uses in {@code spec.worker}; a DNS-1123 label is best. */
    String value();

    /** One sentence that says what the worker does. */
    String description() default "";
}
