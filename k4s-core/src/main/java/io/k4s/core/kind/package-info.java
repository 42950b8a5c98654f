/**
 * The kind registry and the resource codec: every kind described once.
 *
 * <p>Start with {@link io.k4s.core.kind.KindRegistry} (built-in kinds plus those of
 * {@link io.k4s.api.resource.KindProvider}s, looked up by Java type or by kubectl's names) and
 * {@link io.k4s.core.kind.ResourceCodec} (resources to and from the generic form, JSON and YAML).
 */
package io.k4s.core.kind;
