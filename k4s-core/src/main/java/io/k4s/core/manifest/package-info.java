/**
 * Manifests: k4s resources as YAML, read safely and strictly, and written back.
 *
 * <p>Start with {@link io.k4s.core.manifest.ManifestReader} (YAML to resources, with every
 * error as {@code FILE:LINE:COL: Kind "name": field: message}) and
 * {@link io.k4s.core.manifest.ManifestWriter} (resources to YAML).
 * {@link io.k4s.core.manifest.ResourceKinds} names the kinds as kubectl does ({@code rs},
 * {@code services}). The package-private classes are the reader's parts: the YAML stream
 * ({@code YamlDocuments}), the structural check ({@code NodeCheck}) and one schema class per
 * part of a resource.
 */
package io.k4s.core.manifest;
