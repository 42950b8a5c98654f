/**
 * The schema engine: reads input trees against the schemas of {@code io.k4s.api.schema} into
 * Java values, and writes Java values to the generic form (maps, lists and scalars).
 *
 * <p>Start with {@link io.k4s.core.schema.SchemaDecoder} (any {@link io.k4s.core.schema.NodeTree}:
 * SnakeYAML nodes with positions, or the generic form) and
 * {@link io.k4s.core.schema.SchemaEncoder}. {@link io.k4s.core.schema.JsonText} and
 * {@link io.k4s.core.schema.YamlText} turn the generic form into text and back (YAML is read by
 * the manifest reader, which keeps positions).
 */
package io.k4s.core.schema;
