package dev.tollgate.providers.anthropic.inbound;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.tree;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesRequestsTest {
  private static final String DIR = "anthropic-inbound/requests/";

  @ParameterizedTest
  @ValueSource(strings = {"full", "document-url-and-text"})
  void translatesTheFixtureToItsOpenAiRequest(String name) {
    JsonNode body = tree(DIR + name + ".anthropic.json");
    MessagesRequestCheck.check((ObjectNode) body);

    ChatRequest chat = MessagesRequests.toChat(body);

    assertJsonEquals(wire(chat), tree(DIR + name + ".openai.json"));
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/fixtures/" + DIR + "tool-choice.csv")
  void toolChoiceMapsToOpenAi(String anthropic, String openAi) {
    ObjectNode body = (ObjectNode) tree(DIR + "document-url-and-text.anthropic.json");
    body.set("tool_choice", Json.tree(anthropic.getBytes()));

    assertJsonEquals(MessagesRequests.toChat(body).toolChoice(), Json.tree(openAi.getBytes()));
  }

  @Test
  void serverToolsAreRefusedForOtherProviders() {
    JsonNode body = tree(DIR + "server-tool.anthropic.json");

    assertThatThrownBy(() -> MessagesRequests.toChat(body))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("web_search_20250305");
        });
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/fixtures/" + DIR + "thinking-budgets.csv")
  void thinkingBudgetsBecomeReasoningEfforts(String thinking, String effort) {
    assertThat(MessagesRequests.reasoningEffort(Json.tree(thinking.getBytes())))
        .isEqualTo(effort.equals("null") ? null : effort);
  }
}
