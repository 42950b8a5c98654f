/**
 * The k4s contracts a worker author programs against.
 *
 * <p>Start with {@link io.k4s.api.Worker}: implement it, register it in
 * {@code META-INF/services/io.k4s.api.Worker}, and name it from a manifest. A worker talks to
 * other workers through {@link io.k4s.api.Messenger} using {@link io.k4s.api.Address}es.
 * Resources live in {@link io.k4s.api.resource}, controllers in {@link io.k4s.api.control},
 * and the container runtime (the CRI of k4s) in {@link io.k4s.api.runtime}.
 *
 * <p>Every failure k4s reports is a {@link io.k4s.api.K4sException}; its subclasses name the
 * target of the failed operation.
 */
package io.k4s.api;
