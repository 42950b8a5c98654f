/**
 * Find worker types: {@link io.k4s.core.registry.WorkerRegistry} discovers the
 * {@link io.k4s.api.Worker} providers a class loader offers and resolves the names manifests
 * use; {@link io.k4s.core.registry.Plugins} builds the class loader for a plugins folder.
 *
 * <p>Start with {@link io.k4s.core.registry.WorkerRegistry#load(ClassLoader)}.
 */
package io.k4s.core.registry;
