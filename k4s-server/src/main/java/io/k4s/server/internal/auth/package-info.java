/**
 * Tokens and RBAC: {@link io.k4s.server.internal.auth.AuthenticationHandler}, {@link
 * io.k4s.server.internal.auth.AuthorizationHandler} and the {@link
 * io.k4s.server.internal.auth.RbacAuthorizer} they and the access reviews share.
 */
package io.k4s.server.internal.auth;
