/**
 * The Kubernetes API over the kind registry: start with {@link
 * io.k4s.server.internal.api.ApiRouter}, then {@link io.k4s.server.internal.api.ResourceHandler};
 * {@code StoreQueries} and {@code Deletion} are where query parameters meet the store.
 */
package io.k4s.server.internal.api;
