/**
 * Manifests: k4s resources as YAML, read safely and strictly, and written back.
 *
 * <p>Start with {@link io.k4s.core.manifest.ManifestReader} (YAML to resources, with every
 * error as {@code FILE:LINE:COL: Kind "name": field: message}) and
 * {@link io.k4s.core.manifest.ManifestWriter} (resources to YAML). Both follow each kind's
 * schema from the {@link io.k4s.core.kind.KindRegistry}. The package-private classes are the
 * reader's parts: the YAML stream ({@code YamlDocuments}), the structural check
 * ({@code NodeCheck}), SnakeYAML nodes as the schema engine's input tree ({@code YamlTree}) and
 * the errors of one document ({@code Doc}).
 */
package io.k4s.core.manifest;
