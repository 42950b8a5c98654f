/**
 * The API server's handlers; not API, may change in any release. {@code http} has the exchange,
 * errors and request info every handler uses; {@code api} the Kubernetes API (start with
 * {@code ApiRouter} and {@code ResourceHandler}); {@code gateway}, {@code metrics} and {@code auth}
 * one concern each.
 */
package io.k4s.server.internal;
