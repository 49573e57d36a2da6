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
}
