package dev.tollgate.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.providers.prices.ModelPrice;
import dev.tollgate.providers.prices.PriceTable;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Usage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices calls from their token usage, as LiteLLM's {@code completion_cost}: uncached prompt tokens at
 * {@code input_cost_per_token}, cached prompt tokens ({@code prompt_tokens_details.cached_tokens}, or Anthropic's
 * {@code cache_read_input_tokens}) at {@code cache_read_input_token_cost}, cache-write tokens
 * ({@code cache_creation_input_tokens}) at {@code cache_creation_input_token_cost} (each falling back to the input
 * price when the entry has none), and completion tokens (reasoning tokens included) at {@code output_cost_per_token}.
 * Usage is read in OpenAI's format, where {@code prompt_tokens} already includes the cached and cache-write tokens.
 * When the prompt is longer than a tier an entry gives ({@code input_cost_per_token_above_200k_tokens}, ...), the
 * whole call is priced at that tier, as the providers bill. Immutable and thread-safe.
 */
public final class CostCalculator {
  private static final Pattern TIER = Pattern.compile("input_cost_per_token_above_(\\d+)k_tokens");

  private static final class BuiltIn {
    static final CostCalculator INSTANCE = new CostCalculator(PriceTable.builtIn());
  }

  private final PriceTable prices;
  /** Price-table lookups by provider and model: the table is immutable, and the lookup tries several key forms. */
  private final java.util.concurrent.ConcurrentHashMap<String, Optional<Map.Entry<String, ModelPrice>>> lookups =
      new java.util.concurrent.ConcurrentHashMap<>();

  public CostCalculator(PriceTable prices) {
    this.prices = prices;
  }

  /** A calculator over {@link PriceTable#builtIn()}. */
  public static CostCalculator builtIn() {
    return BuiltIn.INSTANCE;
  }

  public PriceTable prices() {
    return prices;
  }

  /** The cost of a call to {@code model} through {@code provider} (may be null); empty when the model has no price. */
  public Optional<Cost> cost(String provider, String model, Usage usage) {
    return cost(provider, model, usage, null);
  }

  /**
   * As {@link #cost(String, String, Usage)} with a deployment's own prices ({@code input_cost_per_token} and
   * friends from its config {@code model_info} or {@code litellm_params}, read with {@link ModelPrice#fromJson})
   * laid over the table's entry; the override alone prices a model the table does not know.
   */
  public Optional<Cost> cost(String provider, String model, Usage usage, ModelPrice override) {
    Optional<Map.Entry<String, ModelPrice>> entry = lookup(provider, model);
    ModelPrice base = entry.map(Map.Entry::getValue).orElse(null);
    ModelPrice price = override == null ? base : override.over(base);
    String key = entry.map(Map.Entry::getKey).orElse(null);
    return price == null ? Optional.empty() : cost(price, usage).map(c -> Cost.of(c.inputCost(), c.outputCost(), key));
  }

  /**
   * The price-table entry for {@code model} called through {@code provider} (may be null), found as
   * {@link PriceTable#lookup} does and memoized; empty when the table has none.
   */
  public Optional<ModelPrice> price(String provider, String model) {
    return lookup(provider, model).map(Map.Entry::getValue);
  }

  /** The cost of {@code usage} at {@code price}; empty when the price gives neither an input nor an output price. */
  public static Optional<Cost> cost(ModelPrice price, Usage usage) {
    if (price == null || !price.hasTokenPrices()) {
      return Optional.empty();
    }
    TokenBreakdown t = TokenBreakdown.of(usage);
    Tier tier = Tier.of(price, t.prompt());
    BigDecimal input = times(t.uncachedPrompt(), tier.input())
        .add(times(t.cacheRead(), tier.cacheRead() != null ? tier.cacheRead() : tier.input()))
        .add(times(t.cacheCreation(), tier.cacheCreation() != null ? tier.cacheCreation() : tier.input()));
    BigDecimal output = times(t.completion(), tier.output());
    return Optional.of(Cost.of(input, output, null));
  }

  /**
   * Usage estimated with {@link TokenCounter} for a call whose provider reported none (a stream without
   * {@code stream_options.include_usage}, some self-hosted servers): the request's prompt count and the completion
   * text's count in the model's encoding.
   */
  public static Usage usageFor(ChatRequest request, String completionText) {
    int prompt = TokenCounter.countPrompt(request);
    int completion = TokenCounter.countText(request.model(), completionText);
    return Usage.of(prompt, completion);
  }

  private static BigDecimal times(long tokens, Double pricePerToken) {
    if (tokens == 0 || pricePerToken == null) {
      return BigDecimal.ZERO;
    }
    // valueOf(double) uses the shortest decimal that round-trips: exactly the number written in the price file
    return BigDecimal.valueOf(pricePerToken).multiply(BigDecimal.valueOf(tokens));
  }

  /**
   * The token counts of one usage object, split by how they are billed: {@code cacheRead} (OpenAI's
   * {@code prompt_tokens_details.cached_tokens} or Anthropic's {@code cache_read_input_tokens}) and
   * {@code cacheCreation} ({@code cache_creation_input_tokens}) are part of {@code prompt}. Public for the spend
   * writer, which records the cache counts per day.
   */
  public record TokenBreakdown(long prompt, long completion, long cacheRead, long cacheCreation) {
    public static TokenBreakdown of(Usage usage) {
      if (usage == null) {
        return new TokenBreakdown(0, 0, 0, 0);
      }
      long prompt = usage.promptTokens() == null ? 0 : usage.promptTokens();
      long completion = usage.completionTokens() == null ? 0 : usage.completionTokens();
      Map<String, JsonNode> extra = usage.extra();
      JsonNode details = extra.get("prompt_tokens_details");
      long cacheRead = firstCount(details, "cached_tokens", extra.get("cache_read_input_tokens"));
      long cacheCreation = firstCount(null, null, extra.get("cache_creation_input_tokens"));
      if (cacheCreation == 0) {
        cacheCreation = firstCount(details, "cache_creation_tokens", null);
      }
      return new TokenBreakdown(prompt, completion, cacheRead, cacheCreation);
    }

    long uncachedPrompt() {
      return Math.max(0, prompt - cacheRead - cacheCreation);
    }

    private static long firstCount(JsonNode details, String field, JsonNode fallback) {
      if (details != null && field != null && details.path(field).isNumber()) {
        return Math.max(0, details.get(field).asLong());
      }
      return fallback != null && fallback.isNumber() ? Math.max(0, fallback.asLong()) : 0;
    }
  }

  /** The per-token prices that apply to a prompt of a given length. */
  record Tier(Double input, Double output, Double cacheRead, Double cacheCreation) {
    static Tier of(ModelPrice price, long promptTokens) {
      long best = -1;
      for (String field : price.extra().keySet()) {
        Matcher m = TIER.matcher(field);
        if (m.matches()) {
          long threshold = Long.parseLong(m.group(1)) * 1000;
          if (promptTokens > threshold && threshold > best) {
            best = threshold;
          }
        }
      }
      if (best < 0) {
        return new Tier(price.inputCostPerToken(), price.outputCostPerToken(), price.cacheReadInputTokenCost(),
            price.cacheCreationInputTokenCost());
      }
      String suffix = "_above_" + (best / 1000) + "k_tokens";
      return new Tier(
          number(price, "input_cost_per_token" + suffix, price.inputCostPerToken()),
          number(price, "output_cost_per_token" + suffix, price.outputCostPerToken()),
          number(price, "cache_read_input_token_cost" + suffix, price.cacheReadInputTokenCost()),
          number(price, "cache_creation_input_token_cost" + suffix, price.cacheCreationInputTokenCost()));
    }

    private static Double number(ModelPrice price, String field, Double fallback) {
      JsonNode node = price.extra().get(field);
      return node != null && node.isNumber() ? node.doubleValue() : fallback;
    }
  }

  private Optional<Map.Entry<String, ModelPrice>> lookup(String provider, String model) {
    String key = provider + '\u0000' + model;
    Optional<Map.Entry<String, ModelPrice>> found = lookups.get(key);
    if (found == null) {
      if (lookups.size() > 10_000) {
        lookups.clear(); // wildcard routes can ask for any model name: keep the memo bounded
      }
      found = prices.lookupEntry(provider, model);
      lookups.put(key, found);
    }
    return found;
  }
}
