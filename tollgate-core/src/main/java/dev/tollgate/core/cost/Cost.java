package dev.tollgate.core.cost;

import java.math.BigDecimal;

/**
 * The cost of one call in USD. {@code inputCost} includes cached-read and cache-write prompt tokens at their own
 * prices. Amounts are exact {@link BigDecimal}s: each is tokens times the per-token price exactly as written in the
 * price file ({@code 2.5e-06}), so nothing is lost when spend is summed over millions of calls or compared in tests,
 * and budgets can be checked without float drift. LiteLLM reports float USD; {@link #totalUsd()} gives that.
 *
 * @param priceKey the price-table key that priced the call, or null when only an override priced it
 */
public record Cost(BigDecimal inputCost, BigDecimal outputCost, BigDecimal total, String priceKey) {

  public Cost {
    if (inputCost == null || outputCost == null || total == null) {
      throw new IllegalArgumentException("cost amounts must not be null");
    }
  }

  public static Cost of(BigDecimal inputCost, BigDecimal outputCost, String priceKey) {
    return new Cost(inputCost, outputCost, inputCost.add(outputCost), priceKey);
  }

  /** The total as LiteLLM's float {@code response_cost}. */
  public double totalUsd() {
    return total.doubleValue();
  }
}
