package dev.tollgate.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class MockResponderTest {
  static ChatRequest ask(String text) {
    return ChatRequest.builder().model("mock/x").addMessage(ChatMessage.system("sys"))
        .addMessage(ChatMessage.user(text)).build();
  }

  static ChatRequest mock(String response) {
    return ask("hi").toBuilder().extra("mock_response", TextNode.valueOf(response)).build();
  }

  @Test
  void echoesTheLastUserMessage() {
    ChatResponse r = MockResponder.chat(ask("ping"));
    assertThat(r.text()).isEqualTo("Hello from Tollgate's mock model. You said: ping");
    assertThat(r.object()).isEqualTo("chat.completion");
    assertThat(r.model()).isEqualTo("mock/x");
    assertThat(r.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(r.choices().get(0).message().role()).isEqualTo("assistant");
    assertThat(r.usage().totalTokens()).isEqualTo(r.usage().promptTokens() + r.usage().completionTokens());
  }

  @Test
  void mockResponseText() {
    assertThat(MockResponder.chat(mock("It is sunny.")).text()).isEqualTo("It is sunny.");
  }

  @Test
  void mockResponseErrorRaisesTheTypedError() {
    assertThatThrownBy(() -> MockResponder.chat(mock("litellm.RateLimitError")))
        .isInstanceOf(RateLimitException.class)
        .satisfies(e -> assertThat(((RateLimitException) e).status()).isEqualTo(429));
    assertThatThrownBy(() -> MockResponder.stream(mock("litellm.RateLimitError"))).isInstanceOf(RateLimitException.class);
    assertThatThrownBy(() -> MockResponder.chat(mock("litellm.Timeout"))).isInstanceOf(TimeoutException.class);
    assertThatThrownBy(() -> MockResponder.chat(mock("litellm.ContextWindowExceededError")))
        .isInstanceOf(ContextWindowExceededException.class);
  }

  @Test
  void streamConcatenatesToTheSameTextAndEndsWithStop() {
    ChatRequest request = ask("tell me a story");
    List<ChatChunk> chunks = MockResponder.stream(request);
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.deltaText()));
    assertThat(text).hasToString(MockResponder.chat(request).text());
    assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
    ChatChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.usage()).isNull();
      assertThat(c.object()).isEqualTo("chat.completion.chunk");
      assertThat(c.id()).isEqualTo(chunks.get(0).id());
    });
  }

  @Test
  void usageChunkOnlyWithIncludeUsage() {
    ChatRequest request = ask("hi").toBuilder().stream(true)
        .streamOptions(Json.object().put("include_usage", true)).build();
    List<ChatChunk> chunks = MockResponder.stream(request);
    ChatChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage()).isNotNull();
    assertThat(last.usage().completionTokens()).isPositive();
    assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.usage()).isNull());

    ChatRequest noUsage = ask("hi").toBuilder().stream(true)
        .streamOptions(Json.object().put("include_usage", false)).build();
    assertThat(MockResponder.stream(noUsage)).allSatisfy(c -> assertThat(c.usage()).isNull());
  }

  @Test
  void embeddingsAreDeterministicUnitVectors() {
    EmbeddingRequest request = EmbeddingRequest.of("mock/embed", List.of("alpha", "beta"));
    EmbeddingResponse a = MockResponder.embedding(request);
    EmbeddingResponse b = MockResponder.embedding(request);
    assertThat(Json.writeString(a)).isEqualTo(Json.writeString(b));
    assertThat(a.data()).hasSize(2);
    assertThat(a.data().get(0).index()).isEqualTo(0);
    assertThat(a.data().get(1).index()).isEqualTo(1);
    assertThat(a.data().get(0).embedding()).isNotEqualTo(a.data().get(1).embedding());
    for (EmbeddingResponse.Embedding e : a.data()) {
      JsonNode v = e.embedding();
      assertThat(v.size()).isEqualTo(16);
      double norm = 0;
      for (JsonNode x : v) {
        norm += x.asDouble() * x.asDouble();
      }
      assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
    EmbeddingResponse single = MockResponder.embedding(
        new EmbeddingRequest("m", TextNode.valueOf("alpha"), null, 8, null, null));
    assertThat(single.data().get(0).embedding().size()).isEqualTo(8);
    assertThat(a.usage().promptTokens()).isPositive();
  }
}
