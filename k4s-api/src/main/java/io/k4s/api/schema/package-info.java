/**
 * Schemas: typed descriptions of the wire form of resources, with their binding to Java values.
 *
 * <p>Start with {@link io.k4s.api.schema.Schema} and {@link io.k4s.api.schema.ObjectSchema};
 * each schema type has a builder. A kind's descriptor
 * ({@link io.k4s.api.resource.ResourceKind}) names the schemas of its spec and status; k4s-core
 * reads and writes YAML, JSON and the generic form (maps, lists, scalars) against them.
 */
package io.k4s.api.schema;
