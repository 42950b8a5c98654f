/**
 * Containers as pods of one for outside callers: {@link io.k4s.server.internal.logs.PodHandler},
 * kubectl's {@code logs}.
 */
package io.k4s.server.internal.logs;
