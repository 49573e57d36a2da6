package dev.tollgate.providers.anthropic;

import dev.tollgate.providers.prices.PriceTable;
import dev.tollgate.providers.spi.CallTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared set-up of the Anthropic tests: a fixed clock and a target with a key. */
final class AnthropicTesting {
  /** 2026-01-01T00:00:00Z, the {@code created} of every expected fixture. */
  static final long CREATED = 1767225600L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC);

  private AnthropicTesting() {}

  static AnthropicProvider provider() {
    return new AnthropicProvider(PriceTable.builtIn(), CLOCK);
  }

  static CallTarget target(String model) {
    return CallTarget.of("anthropic", model).withApiKey("sk-ant-test").withApiBase("https://api.anthropic.com");
  }
}
