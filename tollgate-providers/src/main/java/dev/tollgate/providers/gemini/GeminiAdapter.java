package dev.tollgate.providers.gemini;

import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.Provider;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gemini/<model>}: Google AI Studio's Gemini API in its own wire format. The endpoint is the deployment's
 * api_base, else {@code GEMINI_API_BASE}, else {@code https://generativelanguage.googleapis.com}; the key is the
 * deployment's api_key, else {@code GEMINI_API_KEY}, else {@code GOOGLE_API_KEY}.
 */
public final class GeminiAdapter implements Provider {
  public static final String NAME = "gemini";
  public static final String DEFAULT_BASE = "https://generativelanguage.googleapis.com";
  private static final GeminiEndpoint ENDPOINT = new AiStudioEndpoint();
  private final GeminiChat chat = new GeminiChat(ENDPOINT);
  private final GeminiEmbeddings embeddings = new GeminiEmbeddings(ENDPOINT);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CallTarget resolve(CallTarget target, Map<String, String> env) {
    CallTarget out = target;
    if (blank(out.apiBase())) {
      String base = env.get("GEMINI_API_BASE");
      out = out.withApiBase(blank(base) ? DEFAULT_BASE : base);
    }
    if (blank(out.apiKey())) {
      String key = !blank(env.get("GEMINI_API_KEY")) ? env.get("GEMINI_API_KEY") : env.get("GOOGLE_API_KEY");
      if (!blank(key)) {
        out = out.withApiKey(key);
      }
    }
    return out;
  }

  @Override
  public ChatAdapter chat() {
    return chat;
  }

  @Override
  public Optional<EmbeddingAdapter> embeddings() {
    return Optional.of(embeddings);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
