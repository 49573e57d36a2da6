package dev.tollgate.providers.anthropic.inbound;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class AnthropicErrorBodyTest {
  @ParameterizedTest
  @CsvFileSource(resources = "/fixtures/anthropic-inbound/errors/types.csv")
  void statusesMapToAnthropicsErrorTypes(int status, String type) {
    assertThat(AnthropicErrorBody.typeFor(status)).isEqualTo(type);
  }

  @Test
  void bodyAndEventHaveAnthropicsShape() {
    assertJsonEquals(AnthropicErrorBody.of(429, "slow down"), tree("anthropic-inbound/errors/rate-limit.json"));
    assertThat(new String(AnthropicErrorBody.event(529, "Overloaded"), StandardCharsets.UTF_8))
        .isEqualTo("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
            + "\"message\":\"Overloaded\"}}\n\n");
  }
}
