/**
 * Outside callers reach workers: {@link io.k4s.server.internal.gateway.GatewayHandler} and the
 * JSON to Java conversion of {@code Payloads}.
 */
package io.k4s.server.internal.gateway;
