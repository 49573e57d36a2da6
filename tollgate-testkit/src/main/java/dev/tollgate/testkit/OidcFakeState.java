package dev.tollgate.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the {@link FakeOidcProvider} knows and has seen: its client, the scripted user and behaviour, issued codes and tokens. */
final class OidcFakeState {
  final String clientId;
  final String clientSecret;
  volatile Map<String, Object> user = Map.of("sub", "test-user", "email", "test-user@example.com");
  volatile List<String> redirectUris = List.of();
  volatile String[] denial;
  volatile Object[] tokenFailure;
  volatile String nonceOverride;
  volatile boolean issueIdToken = true;
  final Map<String, Grant> codes = new ConcurrentHashMap<>();
  final Map<String, Map<String, Object>> accessTokens = new ConcurrentHashMap<>();
  final List<Map<String, String>> authorizations = new ArrayList<>(); // guarded by itself
  final List<FakeOidcProvider.TokenRequest> tokenRequests = new ArrayList<>(); // guarded by itself
  final AtomicInteger userinfoServed = new AtomicInteger();

  OidcFakeState(String clientId, String clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /**
   * An issued authorization code: who it is for and what the token request must repeat.
   *
   * @param challenge the PKCE S256 challenge, or null
   */
  record Grant(String clientId, String redirectUri, String scope, String nonce, String challenge,
      Map<String, Object> user, long expiresAtMillis) {}
}
