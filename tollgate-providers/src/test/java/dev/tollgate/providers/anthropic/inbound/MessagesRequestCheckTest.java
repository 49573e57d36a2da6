package dev.tollgate.providers.anthropic.inbound;

import static dev.tollgate.providers.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class MessagesRequestCheckTest {
  private static final String DIR = "anthropic-inbound/requests/";

  @ParameterizedTest
  @CsvFileSource(resources = "/fixtures/" + DIR + "invalid.csv")
  void refusesWhatAnthropicRefuses(String fixture, String message) {
    ObjectNode body = (ObjectNode) tree(DIR + "invalid/" + fixture);

    assertThatThrownBy(() -> MessagesRequestCheck.check(body))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(message);
  }

  @Test
  void acceptsAFullRequest() {
    assertThatCode(() -> MessagesRequestCheck.check((ObjectNode) tree(DIR + "full.anthropic.json")))
        .doesNotThrowAnyException();
  }
}
