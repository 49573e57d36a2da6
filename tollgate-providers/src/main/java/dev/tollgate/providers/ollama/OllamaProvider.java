package dev.tollgate.providers.ollama;

import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.translate.TargetDefaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local (or remote) Ollama server through its native API. Endpoint {@code http://localhost:11434} (override with
 * {@code OLLAMA_API_BASE}); a key is optional ({@code OLLAMA_API_KEY}, sent as a Bearer token, for ollama.com or a
 * server behind an authenticating proxy).
 */
public final class OllamaProvider implements Provider {
  /** The prefix LiteLLM uses for Ollama chat and embeddings. */
  public static final String OLLAMA = "ollama";
  /** LiteLLM's second prefix for Ollama's chat endpoint; the same adapter here. */
  public static final String OLLAMA_CHAT = "ollama_chat";
  static final TargetDefaults DEFAULTS =
      new TargetDefaults("http://localhost:11434", "OLLAMA_API_BASE", List.of("OLLAMA_API_KEY"));

  private final String name;
  private final OllamaChatAdapter chat;
  private final OllamaEmbeddingAdapter embeddings;

  public OllamaProvider(String name) {
    this.name = name;
    this.chat = new OllamaChatAdapter(name);
    this.embeddings = new OllamaEmbeddingAdapter(name);
  }

  @Override
  public String name() {
    return name;
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
