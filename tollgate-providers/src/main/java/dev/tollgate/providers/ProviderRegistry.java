package dev.tollgate.providers;

import dev.tollgate.providers.anthropic.AnthropicProvider;
import dev.tollgate.providers.cohere.CohereProvider;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.ollama.OllamaProvider;
import dev.tollgate.providers.openai.OpenAiCompatibleAdapter;
import dev.tollgate.providers.openai.OpenAiCompatibleProviders;
import dev.tollgate.providers.spi.Provider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every provider Tollgate can call, by model-string prefix. Immutable; build a new one to add providers. */
public final class ProviderRegistry {
  private static final ProviderRegistry DEFAULT = withDefaults().build();
  private final Map<String, Provider> providers;

  private ProviderRegistry(Map<String, Provider> providers) {
    this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
  }

  /**
   * The built-in providers: the OpenAI-compatible rows and the providers with their own wire format. ({@code mock/}
   * models are answered locally by MockResponder.)
   */
  public static ProviderRegistry defaults() {
    return DEFAULT;
  }

  public static Builder withDefaults() {
    Builder builder = new Builder();
    OpenAiCompatibleProviders.rows().values().forEach(row -> builder.add(new OpenAiCompatibleAdapter(row)));
    builder.add(new AnthropicProvider());
    builder.add(new CohereProvider());
    builder.add(new OllamaProvider(OllamaProvider.OLLAMA));
    builder.add(new OllamaProvider(OllamaProvider.OLLAMA_CHAT));
    builder.add(new dev.tollgate.providers.gemini.GeminiAdapter());
    // Claude on Vertex AI reuses the anthropic adapter, looked up when a call needs it (registered or not)
    builder.add(new dev.tollgate.providers.vertex.VertexAiAdapter(() -> builder.find("anthropic")));
    return builder;
  }

  /** True for a provider prefix this registry knows, including the local {@code mock} prefix. */
  public boolean has(String name) {
    return providers.containsKey(name) || MockResponder.PROVIDER.equals(name);
  }

  public Optional<Provider> find(String name) {
    return Optional.ofNullable(providers.get(name));
  }

  public Set<String> names() {
    return providers.keySet();
  }

  /** Builder for a registry. */
  public static final class Builder {
    private final Map<String, Provider> providers = new LinkedHashMap<>();

    public Builder add(Provider provider) {
      providers.put(provider.name(), provider);
      return this;
    }

    /** The provider added under {@code name} so far. */
    public Optional<Provider> find(String name) {
      return Optional.ofNullable(providers.get(name));
    }

    public ProviderRegistry build() {
      return new ProviderRegistry(providers);
    }
  }
}
