package dev.tollgate.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.Tollgate;
import dev.tollgate.core.TollgateClient;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.prices.ModelPrice;
import dev.tollgate.providers.prices.PriceTable;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
  private final CostCalculator calc = CostCalculator.builtIn();

  private static ChatResponse response(String name) throws Exception {
    try (InputStream in = CostCalculatorTest.class.getResourceAsStream("/cost/" + name)) {
      return Json.MAPPER.readValue(in, ChatResponse.class);
    }
  }

  private static Usage usage(String json) throws Exception {
    return Json.MAPPER.readValue(json, Usage.class);
  }

  private static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void plainUsageIsTokensTimesPrice() {
    Cost cost = calc.cost("openai", "gpt-4o-mini", Usage.of(1_000_000, 1_000_000)).orElseThrow();
    assertThat(cost.inputCost()).isEqualByComparingTo(usd("0.15"));
    assertThat(cost.outputCost()).isEqualByComparingTo(usd("0.60"));
    assertThat(cost.total()).isEqualByComparingTo(usd("0.75"));
    assertThat(cost.totalUsd()).isEqualTo(0.75);
    assertThat(cost.priceKey()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void cachedPromptTokensAreBilledAtTheCacheReadPrice() throws Exception {
    Usage u = usage("{\"prompt_tokens\":1000,\"completion_tokens\":500,\"total_tokens\":1500,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":200}}");
    Cost cost = calc.cost("openai", "gpt-4o", u).orElseThrow();
    // 800 x 2.5e-6 + 200 x 1.25e-6 = 0.002 + 0.00025
    assertThat(cost.inputCost()).isEqualByComparingTo(usd("0.00225"));
    assertThat(cost.outputCost()).isEqualByComparingTo(usd("0.005"));
    assertThat(cost.total()).isEqualByComparingTo(usd("0.00725"));
  }

  @Test
  void anthropicCacheWritesAndReadsHaveTheirOwnPrices() throws Exception {
    Usage u = usage("{\"prompt_tokens\":3000,\"completion_tokens\":100,\"cache_creation_input_tokens\":1000,"
        + "\"cache_read_input_tokens\":1000}");
    Cost cost = calc.cost("anthropic", "claude-sonnet-4-5", u).orElseThrow();
    // 1000 x 3e-6 + 1000 x 3e-7 + 1000 x 3.75e-6 = 0.003 + 0.0003 + 0.00375
    assertThat(cost.inputCost()).isEqualByComparingTo(usd("0.00705"));
    assertThat(cost.outputCost()).isEqualByComparingTo(usd("0.0015"));
    assertThat(cost.total()).isEqualByComparingTo(usd("0.00855"));
  }

  @Test
  void cachedTokensFallBackToTheInputPriceWithoutACacheReadPrice() throws Exception {
    Usage u = usage("{\"prompt_tokens\":1000,\"completion_tokens\":0,\"prompt_tokens_details\":{\"cached_tokens\":400}}");
    Cost cost = calc.cost("groq", "llama-3.1-8b-instant", u).orElseThrow();
    assertThat(cost.inputCost()).isEqualByComparingTo(usd("0.00005"));
    assertThat(cost.priceKey()).isEqualTo("groq/llama-3.1-8b-instant");
  }

  @Test
  void longPromptsArePricedAtTheTierAbove() {
    Cost cost = calc.cost("anthropic", "claude-sonnet-4-5", Usage.of(250_000, 1_000)).orElseThrow();
    // 250000 x 6e-6 + 1000 x 2.25e-5
    assertThat(cost.inputCost()).isEqualByComparingTo(usd("1.5"));
    assertThat(cost.outputCost()).isEqualByComparingTo(usd("0.0225"));
    Cost below = calc.cost("anthropic", "claude-sonnet-4-5", Usage.of(200_000, 1_000)).orElseThrow();
    assertThat(below.inputCost()).isEqualByComparingTo(usd("0.6"));
  }

  @Test
  void unknownModelHasNoCost() {
    assertThat(calc.cost("openai", "gpt-99", Usage.of(10, 10))).isEmpty();
    assertThat(CostCalculator.cost(ModelPrice.fromJson(Json.MAPPER.createObjectNode().put("mode", "chat")),
        Usage.of(1, 1))).isEmpty();
  }

  @Test
  void deploymentOverridesPriceUnknownModelsAndReplaceTableFields() throws Exception {
    ModelPrice own = ModelPrice.fromJson(Json.MAPPER.readTree(
        "{\"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06, \"api_base\": \"http://vllm:8000\"}"));
    Cost vllm = calc.cost("hosted_vllm", "my-finetune", Usage.of(1000, 1000), own).orElseThrow();
    assertThat(vllm.total()).isEqualByComparingTo(usd("0.003"));
    assertThat(vllm.priceKey()).isNull();
    ModelPrice cheaperInput = ModelPrice.fromJson(Json.MAPPER.readTree("{\"input_cost_per_token\": 1e-06}"));
    Cost gpt4o = calc.cost("openai", "gpt-4o", Usage.of(1000, 1000), cheaperInput).orElseThrow();
    assertThat(gpt4o.inputCost()).isEqualByComparingTo(usd("0.001"));
    assertThat(gpt4o.outputCost()).isEqualByComparingTo(usd("0.01"));
  }

  @Test
  void freeModelsCostZero() {
    CostCalculator free = new CostCalculator(PriceTable.of(Map.of("local", ModelPrice.perToken(0, 0))));
    assertThat(free.cost(null, "local", Usage.of(500, 500)).orElseThrow().total()).isEqualByComparingTo("0");
  }

  @Test
  void usageForEstimatesWithTheTokenCounter() {
    ChatRequest request = ChatRequest.builder().model("openai/gpt-4o")
        .addMessage(ChatMessage.user("hello world")).build();
    Usage estimated = CostCalculator.usageFor(request, "hello world");
    assertThat(estimated.promptTokens()).isEqualTo(TokenCounter.countPrompt(request)).isEqualTo(9);
    assertThat(estimated.completionTokens()).isEqualTo(2);
    assertThat(estimated.totalTokens()).isEqualTo(11);
    assertThat(CostCalculator.usageFor(request, null).completionTokens()).isZero();
  }

  @Test
  void completionCostPricesAReplyByItsModelAndUsage() throws Exception {
    Cost cost = Tollgate.completionCost(response("chat-response-gpt-4o.json")).orElseThrow();
    assertThat(cost.priceKey()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(cost.total()).isEqualByComparingTo(usd("0.00725"));
    Cost claude = Tollgate.completionCost(response("chat-response-anthropic-cache.json")).orElseThrow();
    assertThat(claude.total()).isEqualByComparingTo(usd("0.00855"));
  }

  @Test
  void completionCostUsesAProviderPrefixOrAnExplicitProvider() throws Exception {
    ChatResponse base = response("chat-response-gpt-4o.json");
    ChatResponse groq = base.withModel("groq/llama-3.1-8b-instant");
    Cost prefixed = Tollgate.completionCost(groq).orElseThrow();
    assertThat(prefixed.priceKey()).isEqualTo("groq/llama-3.1-8b-instant");
    // 1000 x 5e-8 + 500 x 8e-8 (no cache-read price: cached tokens at the input price)
    assertThat(prefixed.total()).isEqualByComparingTo(usd("0.00009"));
    TollgateClient client = new TollgateClient(ProviderRegistry.defaults(),
        new dev.tollgate.core.transport.JdkHttpTransport(), Map.of());
    ChatResponse bare = base.withModel("llama-3.1-8b-instant");
    assertThat(client.completionCost(bare)).isEmpty();
    assertThat(client.completionCost("groq", bare).orElseThrow().total()).isEqualByComparingTo(usd("0.00009"));
    ChatResponse vertex = base.withModel("vertex_ai/claude-sonnet-4-5@20250929");
    assertThat(client.completionCost(vertex).orElseThrow().priceKey())
        .isEqualTo("vertex_ai/claude-sonnet-4-5@20250929");
    assertThat(client.completionCost(new ChatResponse("x", null, null, "gpt-4o", null, null, null, null))).isEmpty();
  }
}
