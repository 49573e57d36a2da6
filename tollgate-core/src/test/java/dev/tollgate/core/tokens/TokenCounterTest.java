package dev.tollgate.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Tool;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

  static ChatRequest cookbookRequest() throws Exception {
    try (InputStream in = TokenCounterTest.class.getResourceAsStream("/tokens/openai-cookbook-messages.json")) {
      return Json.MAPPER.readValue(in, ChatRequest.class);
    }
  }

  @Test
  void helloWorldIsTwoTokensInBothEncodings() {
    assertThat(TokenCounter.countText("hello world")).isEqualTo(2);
    assertThat(TokenCounter.countText("gpt-4o", "hello world")).isEqualTo(2);
    assertThat(TokenCounter.countText("claude-sonnet-4-5", "hello world")).isEqualTo(2);
    assertThat(TokenCounter.countText(null)).isZero();
    assertThat(TokenCounter.countText("")).isZero();
  }

  @Test
  void specialTokenTextIsCountedAsOrdinaryText() {
    assertThat(TokenCounter.countText("gpt-4o", "<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void encodingFollowsTheModelFamily() {
    for (String m : new String[] {"gpt-4o", "openai/gpt-4o-mini", "azure/gpt-4.1", "gpt-4.1-nano", "o3", "o4-mini",
        "o1-preview", "gpt-5", "gpt-5-mini", "groq/openai/gpt-oss-120b"}) {
      assertThat(TokenCounter.encodingFor(m)).as(m).isEqualTo(EncodingType.O200K_BASE);
    }
    for (String m : new String[] {"gpt-4", "gpt-3.5-turbo", "claude-sonnet-4-5", "gemini/gemini-2.5-pro",
        "groq/llama-3.1-8b-instant", "omni-moderation"}) {
      assertThat(TokenCounter.encodingFor(m)).as(m).isEqualTo(EncodingType.CL100K_BASE);
    }
    assertThat(TokenCounter.encodingFor(null)).isEqualTo(EncodingType.CL100K_BASE);
  }

  /** OpenAI cookbook "How to count tokens with tiktoken": 129 prompt tokens for gpt-4-0613, 124 for gpt-4o. */
  @Test
  void matchesOpenAisDocumentedPromptCounts() throws Exception {
    ChatRequest request = cookbookRequest();
    assertThat(TokenCounter.countPrompt(request)).isBetween(128, 130);
    assertThat(TokenCounter.countPrompt(request.withModel("gpt-4o"))).isBetween(123, 125);
  }

  @Test
  void countsOverheadPerMessageAndForTheReply() {
    ChatRequest one = ChatRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("hello world")).build();
    // 3 (message) + 1 ("user") + 2 ("hello world") + 3 (reply priming)
    assertThat(TokenCounter.countPrompt(one)).isEqualTo(9);
    ChatRequest empty = ChatRequest.builder().model("gpt-4o").build();
    assertThat(TokenCounter.countPrompt(empty)).isEqualTo(TokenCounter.REPLY_PRIMING_TOKENS);
  }

  @Test
  void countsOnlyTextPartsAndToolDefinitionsAsJson() throws Exception {
    ChatMessage parts = ChatMessage.builder().role("user").content(Json.MAPPER.readTree(
        "[{\"type\":\"text\",\"text\":\"hello world\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a-very-long-image-name.png\"}}]"))
        .build();
    ChatRequest request = ChatRequest.builder().model("gpt-4o").addMessage(parts).build();
    assertThat(TokenCounter.countPrompt(request)).isEqualTo(9);
    Tool tool = Tool.function("get_weather", "Current weather for a city",
        Json.MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));
    ChatRequest withTool = request.toBuilder().addTool(tool).build();
    int toolTokens = TokenCounter.countText("gpt-4o", Json.writeString(withTool.tools()));
    assertThat(TokenCounter.countPrompt(withTool)).isEqualTo(9 + toolTokens);
    assertThat(toolTokens).isGreaterThan(10);
  }
}
