/**
 * What every handler shares: {@link io.k4s.server.internal.http.Exchange} (one request), {@link
 * io.k4s.server.internal.http.ApiError} (a Status), {@link
 * io.k4s.server.internal.http.RequestInfo} (what a path asks for) and {@link
 * io.k4s.server.internal.http.StatusHandler}, the outermost handler.
 */
package io.k4s.server.internal.http;
