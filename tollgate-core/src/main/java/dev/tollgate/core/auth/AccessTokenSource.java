package dev.tollgate.core.auth;

import dev.tollgate.providers.spi.AccessTokenRequest;

/**
 * Fetches a fresh token for a request. Blocking I/O: call it only from a thread that may block, never from an event
 * loop; {@link AccessTokens} does so and caches the result.
 */
@FunctionalInterface
public interface AccessTokenSource {
  /** A fresh token; throws a {@code ProviderException} (usually an AuthenticationError) when none can be had. */
  AccessToken fetch(AccessTokenRequest request);
}
