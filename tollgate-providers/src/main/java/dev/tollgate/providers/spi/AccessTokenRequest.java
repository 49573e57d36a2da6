package dev.tollgate.providers.spi;

import java.util.List;

/**
 * What a provider needs before a call when its credential is a short-lived bearer token rather than a static key
 * (Vertex AI: an OAuth2 access token for a Google service account). A pure description: getting the token is I/O, so
 * a transport does it off any event loop (the SDK's {@code dev.tollgate.core.auth.AccessTokens} fetches and caches
 * it until shortly before it expires) and passes the token to the adapter as {@link CallTarget#apiKey()}.
 *
 * @param kind which token service, e.g. {@link #GOOGLE}
 * @param credentialsJson the credentials document itself (a service-account JSON), or null
 * @param credentialsFile a path to it, or null; both null means the platform default (Google's application default
 *     credentials)
 * @param scopes the OAuth2 scopes to ask for
 */
public record AccessTokenRequest(String kind, String credentialsJson, String credentialsFile, List<String> scopes) {
  /** Google OAuth2: service-account JSON, or application default credentials. */
  public static final String GOOGLE = "google";

  public AccessTokenRequest {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  /** A cache key that names the credentials without holding the secret's text in a map key twice. */
  public String cacheKey() {
    return kind + "|" + (credentialsFile != null ? "file:" + credentialsFile
        : credentialsJson != null ? "json:" + Integer.toHexString(credentialsJson.hashCode()) + ":"
            + credentialsJson.length() : "default") + "|" + String.join(" ", scopes);
  }
}
