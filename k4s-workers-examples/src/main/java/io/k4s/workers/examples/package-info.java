/**
 * The example workers that ship with k4s: {@code echo}, {@code processor}, {@code aggregator},
 * {@code generator} and {@code calculator}.
 *
 * <p>Start with {@link io.k4s.workers.examples.EchoWorker}, the smallest; each class's Javadoc
 * lists its parameters ({@code spec.params}) with their types and defaults. Every worker reads
 * and validates its parameters in {@code start}, so a bad manifest fails there with an
 * {@link io.k4s.api.InvalidParamException} that names the parameter, and rejects parameter names
 * it does not know (a typo such as {@code batchsize} is an error, not a silent default).
 *
 * <p>The workers are registered in {@code META-INF/services/io.k4s.api.Worker} and found by
 * {@link java.util.ServiceLoader}; a worker of your own is written the same way (see
 * {@code docs/WRITING-A-WORKER.md}).
 */
package io.k4s.workers.examples;
