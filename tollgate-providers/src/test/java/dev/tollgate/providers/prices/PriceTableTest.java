package dev.tollgate.providers.prices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.types.Json;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  /** Native providers in the LiteLLM contract (section 12) that the built-in table prices. */
  private static final Set<String> NATIVE = Set.of("anthropic", "azure", "bedrock", "vertex_ai", "gemini", "cohere");

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PriceTableTest.class.getResource("/prices/" + name).toURI());
  }

  @Test
  void builtInTableParsesWithSaneEntries() {
    PriceTable table = PriceTable.builtIn();
    assertThat(table.size()).isBetween(60, 120);
    assertThat(table.keys()).doesNotContain(PriceTable.SAMPLE_SPEC);
    Set<String> known = new HashSet<>(ProviderRegistry.defaults().names());
    known.addAll(NATIVE);
    table.entries().forEach((key, price) -> {
      assertThat(price.inputCostPerToken()).as(key).isNotNull().isGreaterThanOrEqualTo(0.0);
      assertThat(price.outputCostPerToken()).as(key).isNotNull().isGreaterThanOrEqualTo(0.0);
      assertThat(price.litellmProvider()).as(key).isNotNull();
      assertThat(family(price.litellmProvider())).as(key).isIn(known);
      assertThat(price.mode()).as(key).isIn("chat", "embedding");
      assertThat(price.contextWindow()).as(key).isNotNull().isPositive();
      if (price.cacheReadInputTokenCost() != null) {
        assertThat(price.cacheReadInputTokenCost()).as(key).isLessThanOrEqualTo(price.inputCostPerToken());
      }
      int slash = key.indexOf('/');
      if (slash > 0 && !key.startsWith("vertex_ai/")) {
        assertThat(key.substring(0, slash)).as(key).isEqualTo(price.litellmProvider());
      }
    });
  }

  @Test
  void builtInTableCoversTheFlagshipModels() {
    PriceTable t = PriceTable.builtIn();
    for (String key : new String[] {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3",
        "o4-mini", "gpt-5", "gpt-5-mini", "text-embedding-3-small", "text-embedding-3-large", "claude-opus-4-5",
        "claude-sonnet-4-5", "claude-haiku-4-5", "gemini/gemini-2.5-pro", "gemini/gemini-2.5-flash",
        "gemini/gemini-2.5-flash-lite", "gemini-2.5-pro", "anthropic.claude-sonnet-4-5-20250929-v1:0",
        "meta.llama3-3-70b-instruct-v1:0", "amazon.titan-embed-text-v2:0", "command-r", "command-r-plus",
        "command-a-03-2025", "embed-english-v3.0", "mistral/mistral-large-latest", "mistral/mistral-small-latest",
        "mistral/mistral-embed", "groq/llama-3.1-8b-instant", "deepseek/deepseek-chat", "deepseek/deepseek-reasoner",
        "xai/grok-4", "perplexity/sonar"}) {
      assertThat(t.get(key)).as(key).isPresent();
    }
    assertThat(t.providers()).contains("openai", "anthropic", "gemini", "vertex_ai", "bedrock_converse", "groq",
        "together_ai", "fireworks_ai", "deepseek", "xai", "perplexity", "mistral", "cohere_chat");
  }

  @Test
  void builtInNumbersForWellKnownModels() {
    ModelPrice gpt4o = PriceTable.builtIn().get("gpt-4o").orElseThrow();
    assertThat(gpt4o.inputCostPerToken()).isEqualTo(2.5e-06);
    assertThat(gpt4o.outputCostPerToken()).isEqualTo(1e-05);
    assertThat(gpt4o.cacheReadInputTokenCost()).isEqualTo(1.25e-06);
    assertThat(gpt4o.maxInputTokens()).isEqualTo(128000);
    ModelPrice sonnet = PriceTable.builtIn().get("claude-sonnet-4-5").orElseThrow();
    assertThat(sonnet.cacheCreationInputTokenCost()).isEqualTo(3.75e-06);
    assertThat(sonnet.extra()).containsKey("input_cost_per_token_above_200k_tokens");
  }

  @Test
  void lookupTriesProviderPrefixedKeyThenBareKey() {
    PriceTable t = PriceTable.of(Map.of(
        "groq/llama-x", ModelPrice.perToken(1e-07, 2e-07).over(provider("groq")),
        "llama-x", ModelPrice.perToken(9e-07, 9e-07).over(provider("together_ai"))));
    assertThat(t.lookupEntry("groq", "llama-x").orElseThrow().getKey()).isEqualTo("groq/llama-x");
    assertThat(t.lookupEntry("together_ai", "llama-x").orElseThrow().getKey()).isEqualTo("llama-x");
    assertThat(t.lookupEntry(null, "llama-x").orElseThrow().getKey()).isEqualTo("llama-x");
    assertThat(t.lookupEntry("groq", "groq/llama-x").orElseThrow().getKey()).isEqualTo("groq/llama-x");
  }

  @Test
  void bareKeyOfAnotherProviderIsNotUsed() {
    PriceTable t = PriceTable.builtIn();
    assertThat(t.lookup("groq", "gpt-4o")).isEmpty();
    assertThat(t.lookup("openai", "gpt-4o")).isPresent();
    assertThat(t.lookup("openai", "openai/gpt-4o")).isPresent();
    assertThat(t.lookup(null, "gpt-4o")).isPresent();
    assertThat(t.lookup("openai", "no-such-model")).isEmpty();
    assertThat(t.lookup("openai", "")).isEmpty();
  }

  @Test
  void lookupFollowsProviderFamilies() {
    PriceTable t = PriceTable.builtIn();
    assertThat(t.lookupEntry("gemini", "gemini-2.5-pro").orElseThrow().getKey()).isEqualTo("gemini/gemini-2.5-pro");
    ModelPrice vertexGemini = t.lookup("vertex_ai", "gemini-2.5-pro").orElseThrow();
    assertThat(vertexGemini.litellmProvider()).isEqualTo("vertex_ai-language-models");
    assertThat(t.lookup("bedrock", "meta.llama3-3-70b-instruct-v1:0").orElseThrow().litellmProvider())
        .isEqualTo("bedrock_converse");
    assertThat(t.lookup("cohere", "command-r")).isPresent();
    assertThat(t.lookup("litellm_proxy", "gpt-4o")).isPresent();
    assertThat(PriceTable.providerMatches("together_ai", "fireworks_ai")).isFalse();
  }

  @Test
  void bedrockRegionAndRoutePrefixesFallBackToTheBaseId() {
    PriceTable t = PriceTable.builtIn();
    // an exact key wins: the US cross-region profile of Sonnet 4.5 is priced 10% above the base id
    assertThat(t.lookup("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow()
        .inputCostPerToken()).isEqualTo(3.3e-06);
    assertThat(t.lookupEntry("bedrock", "global.anthropic.claude-haiku-4-5-20251001-v1:0").orElseThrow().getKey())
        .isEqualTo("anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(t.lookupEntry("bedrock", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow().getKey())
        .isEqualTo("anthropic.claude-sonnet-4-5-20250929-v1:0");
    assertThat(t.lookupEntry("bedrock", "converse/us-east-1/anthropic.claude-opus-4-1-20250805-v1:0")
        .orElseThrow().getKey()).isEqualTo("anthropic.claude-opus-4-1-20250805-v1:0");
    assertThat(t.lookupEntry("bedrock", "invoke/us.meta.llama3-1-8b-instruct-v1:0").orElseThrow().getKey())
        .isEqualTo("meta.llama3-1-8b-instruct-v1:0");
  }

  @Test
  void vertexVersionSuffixFallsBackToTheUnversionedKey() {
    PriceTable t = PriceTable.builtIn();
    assertThat(t.lookupEntry("vertex_ai", "claude-sonnet-4-5@20250929").orElseThrow().getKey())
        .isEqualTo("vertex_ai/claude-sonnet-4-5@20250929");
    assertThat(t.lookupEntry("vertex_ai", "claude-sonnet-4-5@20991231").orElseThrow().getKey())
        .isEqualTo("vertex_ai/claude-sonnet-4-5");
    assertThat(t.lookup("vertex_ai", "claude-haiku-4-5@20251001")).isPresent();
  }

  @Test
  void datedNamesAreNotShortened() {
    assertThat(PriceTable.builtIn().lookup("openai", "gpt-4o-2024-08-06")).isPresent();
    assertThat(PriceTable.builtIn().lookup("openai", "gpt-4o-2024-05-13")).isEmpty();
  }

  @Test
  void loadsLiteLlmPublishedFormat() throws Exception {
    PriceTable t = PriceTable.load(resource("litellm-excerpt.json"));
    assertThat(t.size()).isEqualTo(7);
    assertThat(t.keys()).doesNotContain("sample_spec");
    ModelPrice gpt4o = t.get("gpt-4o").orElseThrow();
    assertThat(gpt4o.inputCostPerToken()).isEqualTo(2.5e-06);
    assertThat(gpt4o.supportsVision()).isTrue();
    assertThat(gpt4o.extra()).containsKeys("input_cost_per_token_batches", "supported_endpoints");
    assertThat(gpt4o.extra().get("supported_endpoints").size()).isEqualTo(3);
    ModelPrice dalle = t.get("512-x-512/dall-e-2").orElseThrow();
    assertThat(dalle.hasTokenPrices()).isFalse();
    assertThat(dalle.mode()).isEqualTo("image_generation");
    assertThat(t.lookup("bedrock", "us.amazon.nova-lite-v1:0").orElseThrow().maxInputTokens()).isEqualTo(300000);
    assertThat(t.lookup("groq", "llama-3.1-8b-instant")).isPresent();
    assertThat(t.get("claude-sonnet-4-5").orElseThrow().extra())
        .containsKeys("tool_use_system_prompt_tokens", "search_context_cost_per_query");
  }

  @Test
  void toJsonWritesTheSameShapeBack() throws Exception {
    ModelPrice gpt4o = PriceTable.load(resource("litellm-excerpt.json")).get("gpt-4o").orElseThrow();
    assertThat(ModelPrice.fromJson(gpt4o.toJson())).isEqualTo(gpt4o);
    assertThat(gpt4o.toJson().get("max_output_tokens").asInt()).isEqualTo(16384);
  }

  @Test
  void overridesLayFieldsOverTheTable() {
    PriceTable t = PriceTable.builtIn().withOverrides(Map.of(
        "gpt-4o", new ModelPrice(1e-06, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null),
        "my-finetune", ModelPrice.perToken(3e-06, 4e-06)));
    ModelPrice gpt4o = t.get("gpt-4o").orElseThrow();
    assertThat(gpt4o.inputCostPerToken()).isEqualTo(1e-06);
    assertThat(gpt4o.outputCostPerToken()).isEqualTo(1e-05);
    assertThat(gpt4o.litellmProvider()).isEqualTo("openai");
    assertThat(t.get("my-finetune")).isPresent();
    assertThat(PriceTable.builtIn().get("gpt-4o").orElseThrow().inputCostPerToken()).isEqualTo(2.5e-06);
    assertThat(PriceTable.builtIn().get("my-finetune")).isEmpty();
  }

  @Test
  void readsDeploymentModelInfoAsAnOverride() throws Exception {
    ModelPrice info = ModelPrice.fromJson(Json.MAPPER.readTree(resource("deployment-model-info.json").toFile()));
    assertThat(info.inputCostPerToken()).isEqualTo(1e-06);
    assertThat(info.outputCostPerToken()).isEqualTo(2e-06);
    assertThat(info.maxInputTokens()).isEqualTo(32768);
    assertThat(info.extra()).containsKeys("id", "base_model");
  }

  private static ModelPrice provider(String name) {
    return ModelPrice.fromJson(Json.MAPPER.createObjectNode().put("litellm_provider", name));
  }

  @Test
  void aLenientReadSkipsEntriesItCannotPriceAndNamesThem() throws Exception {
    String file = """
        {"sample_spec": {"input_cost_per_token": "prose"},
         "ok": {"litellm_provider": "openai", "input_cost_per_token": 1e-6, "output_cost_per_token": "2e-6",
                "search_context_cost_per_query": {"search_context_size_low": 0.01}},
         "bad-price": {"input_cost_per_token": "cheap"},
         "bad-nested": {"search_context_cost_per_query": {"low": "free"}},
         "bad-type": {"output_cost_per_token": true},
         "not-object": [1, 2]}
        """;
    PriceTable.Lenient read = PriceTable.readLenient(
        new java.io.ByteArrayInputStream(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(read.table().keys()).containsExactly("ok");
    assertThat(read.table().get("ok").orElseThrow().outputCostPerToken()).isEqualTo(2e-6);
    assertThat(read.skipped()).containsExactly("bad-price", "bad-nested", "bad-type", "not-object");
  }

  @Test
  void aLenientReadOfSomethingNotJsonFails() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceTable.readLenient(
        new java.io.ByteArrayInputStream("nope {".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isInstanceOf(java.io.IOException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceTable.readLenient(
        new java.io.ByteArrayInputStream("[1]".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void replacedByTakesTheOtherTablesEntriesWholeAndKeepsTheRest() {
    PriceTable base = PriceTable.of(Map.of(
        "a", ModelPrice.fromJson(Json.tree("{\"input_cost_per_token\": 1, \"cache_read_input_token_cost\": 0.5}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        "b", ModelPrice.perToken(3, 4)));
    PriceTable next = base.replacedBy(PriceTable.of(Map.of("a", ModelPrice.perToken(10, 20))));
    assertThat(next.get("a").orElseThrow().inputCostPerToken()).isEqualTo(10);
    assertThat(next.get("a").orElseThrow().cacheReadInputTokenCost()).isNull(); // not merged field by field
    assertThat(next.get("b").orElseThrow().outputCostPerToken()).isEqualTo(4);
  }

  private static String family(String litellmProvider) {
    if (litellmProvider.startsWith("vertex_ai")) {
      return "vertex_ai";
    }
    return switch (litellmProvider) {
      case "bedrock_converse" -> "bedrock";
      case "cohere_chat" -> "cohere";
      default -> litellmProvider;
    };
  }
}
