package dev.tollgate.providers.cohere;

import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.translate.TargetDefaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cohere/} prefix: Cohere's own v2 API. Endpoint {@code https://api.cohere.com} (override with
 * {@code COHERE_API_BASE}), key from {@code COHERE_API_KEY} or {@code CO_API_KEY}, sent as a Bearer token.
 */
public final class CohereProvider implements Provider {
  public static final String NAME = "cohere";
  static final TargetDefaults DEFAULTS =
      new TargetDefaults("https://api.cohere.com", "COHERE_API_BASE", List.of("COHERE_API_KEY", "CO_API_KEY"));

  private final CohereChatAdapter chat = new CohereChatAdapter();
  private final CohereEmbeddingAdapter embeddings = new CohereEmbeddingAdapter();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CallTarget resolve(CallTarget target, Map<String, String> env) {
    return DEFAULTS.apply(target, env);
  }

  @Override
  public ChatAdapter chat() {
    return chat;
  }

  @Override
  public Optional<EmbeddingAdapter> embeddings() {
    return Optional.of(embeddings);
  }
}
