package dev.tollgate.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.spi.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelRefTest {
  static final ProviderRegistry REGISTRY = ProviderRegistry.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "groq/llama-3.1-8b-instant, groq, llama-3.1-8b-instant",
      "openrouter/meta-llama/llama-3, openrouter, meta-llama/llama-3",
      "gpt-4o, openai, gpt-4o",
      "openai/gpt-4o, openai, gpt-4o",
      "mock/x, mock, x",
      "foo/bar, openai, foo/bar",
      "azure/my-deployment, azure, my-deployment",
      "hosted_vllm/Qwen/Qwen2.5-7B, hosted_vllm, Qwen/Qwen2.5-7B",
      "/leading-slash, openai, /leading-slash"})
  void parses(String modelString, String provider, String model) {
    ModelRef ref = ModelRef.parse(modelString, REGISTRY);
    assertThat(ref.provider()).isEqualTo(provider);
    assertThat(ref.model()).isEqualTo(model);
    assertThat(ref.toString()).isEqualTo(provider + "/" + model);
  }

  @Test
  void emptyIsRejected() {
    assertThatThrownBy(() -> ModelRef.parse(" ", REGISTRY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelRef.parse(null, REGISTRY)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void registryHasEveryRowAndMock() {
    assertThat(REGISTRY.names()).contains("openai", "groq", "azure", "openrouter");
    assertThat(REGISTRY.has("mock")).isTrue();
    assertThat(REGISTRY.find("mock")).isEmpty();
    assertThat(REGISTRY.has("foo")).isFalse();
    Provider groq = REGISTRY.find("groq").orElseThrow();
    assertThat(groq.name()).isEqualTo("groq");
    assertThat(groq.chat()).isNotNull();
  }

  @Test
  void registryBuilderAddsProviders() {
    Provider groq = REGISTRY.find("groq").orElseThrow();
    ProviderRegistry small = new ProviderRegistry.Builder().add(groq).build();
    assertThat(small.names()).containsExactly("groq");
    assertThat(ModelRef.parse("together_ai/x", small)).isEqualTo(new ModelRef("openai", "together_ai/x"));
  }
}
