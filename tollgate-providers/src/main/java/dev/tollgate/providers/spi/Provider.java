package dev.tollgate.providers.spi;

import java.util.Map;
import java.util.Optional;

/**
 * One provider: its name, how it fills in endpoint and key from the environment, and the capabilities it has. A
 * capability it lacks is an empty Optional, never a stub that throws.
 */
public interface Provider {
  String name();

  /** Fills in the default api_base, API key and api_version from the given environment where the target has none. */
  CallTarget resolve(CallTarget target, Map<String, String> env);

  ChatAdapter chat();

  Optional<EmbeddingAdapter> embeddings();

  /**
   * The bearer token this target needs before a call, or empty when its credential is the target's API key as
   * given (every provider but those that use OAuth2 tokens, e.g. Vertex AI without an explicit token). A transport
   * that gets a request here fetches the token off the event loop and calls the adapter with
   * {@code target.withApiKey(token)}.
   */
  default Optional<AccessTokenRequest> accessToken(CallTarget target) {
    return Optional.empty();
  }
}
