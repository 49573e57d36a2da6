package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Tool;
import dev.tollgate.providers.types.ToolCall;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic adapter's calls sent to the fake as they are: the fake rejects what Anthropic rejects, so a request the
 * adapter translates wrongly fails here; replies and streams go back through the adapter.
 */
class AnthropicAdapterAgainstFakeTest {
  private static FakeUpstream fake;
  private static Provider anthropic;
  private static CallTarget target;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    anthropic = ProviderRegistry.defaults().find("anthropic").orElseThrow();
    target = anthropic.resolve(CallTarget.of("anthropic", "claude-sonnet-4-5"),
        Map.of("ANTHROPIC_API_KEY", "sk-ant-test", "ANTHROPIC_API_BASE", fake.rootUrl()));
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void clean() {
    fake.reset();
  }

  private static HttpReply send(HttpCall call) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(b::header);
    HttpResponse<byte[]> response = TestHttp.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new HttpReply(response.statusCode(), response.headers().map(), response.body());
  }

  private static ChatResponse chat(ChatRequest request) {
    ChatAdapter adapter = anthropic.chat();
    HttpReply reply = send(adapter.chatCall(request, target));
    if (!reply.isSuccess()) {
      throw adapter.error(reply, target);
    }
    return adapter.chatResponse(reply, target);
  }

  private static List<ChatChunk> stream(ChatRequest request) {
    ChatAdapter adapter = anthropic.chat();
    HttpReply reply = send(adapter.chatCall(request.toBuilder().stream(true).build(), target));
    if (!reply.isSuccess()) {
      throw adapter.error(reply, target);
    }
    return new ArrayList<>(adapter.chatStream(target).feed(reply.body()));
  }

  private static ChatRequest.Builder ask(String text) {
    return ChatRequest.builder().model("claude-sonnet-4-5")
        .addMessage(ChatMessage.system("Be brief."))
        .addMessage(ChatMessage.user(text));
  }

  @Test
  void chatWithSystemPromptAndTurnsThatNeedMerging() {
    ChatResponse response = chat(ask("first").addMessage(ChatMessage.user("second")).temperature(0.5).build());

    assertThat(response.text()).isEqualTo("echo: firstsecond");
    assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(response.usage().promptTokens()).isGreaterThan(0);
    assertThat(fake.lastRequest().json().get("max_tokens").asInt()).isEqualTo(64000);
  }

  @Test
  void toolRoundTrip() {
    Tool weather = Tool.function("get_weather", "Weather in a city",
        Json.object().put("type", "object").set("properties", Json.object()
            .set("city", Json.object().put("type", "string"))));
    fake.script("claude-sonnet-4-5", Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));

    ChatResponse first = chat(ask("Weather in Paris?").addTool(weather).build());
    ToolCall call = first.choices().get(0).message().toolCalls().get(0);
    assertThat(first.choices().get(0).finishReason()).isEqualTo("tool_calls");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");

    fake.script("claude-sonnet-4-5", Behavior.reply("It is 18C in Paris."));
    ChatResponse second = chat(ask("Weather in Paris?").addTool(weather)
        .addMessage(first.choices().get(0).message())
        .addMessage(ChatMessage.tool(call.id(), "18C"))
        .build());

    assertThat(second.text()).isEqualTo("It is 18C in Paris.");
    assertThat(fake.lastRequest().json().at("/messages/2/content/0/tool_use_id").asText()).isEqualTo(call.id());
  }

  @Test
  void imageAndPdfParts() {
    ArrayNode parts = Json.MAPPER.createArrayNode();
    parts.addObject().put("type", "text").put("text", "Describe");
    parts.addObject().put("type", "image_url").putObject("image_url").put("url", "data:image/jpeg;base64,/9j/4AAQ");
    parts.addObject().put("type", "file").putObject("file").put("file_data", "data:application/pdf;base64,JVBERi0=");

    ChatResponse response = chat(ChatRequest.builder().model("m")
        .addMessage(ChatMessage.builder().role("user").content(parts).build()).build());

    assertThat(response.text()).isEqualTo("echo: Describe");
    assertThat(fake.lastRequest().json().at("/messages/0/content/1/source/media_type").asText())
        .isEqualTo("image/jpeg");
  }

  @Test
  void jsonSchemaModeAnswersWithTheJsonAsContent() {
    fake.script("claude-sonnet-4-5", Behavior.reply("{\"city\":\"Paris\",\"population\":2100000}"));
    var format = Json.object().put("type", "json_schema");
    format.putObject("json_schema").put("name", "city").set("schema", Json.object().put("type", "object"));

    ChatResponse response = chat(ask("A city").responseFormat(format).build());
    List<ChatChunk> chunks = stream(ask("A city").responseFormat(format).build());

    assertThat(response.text()).isEqualTo("{\"city\":\"Paris\",\"population\":2100000}");
    assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(chunks.stream().map(ChatChunk::deltaText).collect(Collectors.joining()))
        .isEqualTo("{\"city\":\"Paris\",\"population\":2100000}");
  }

  @Test
  void reasoningEffortStreamsThinkingAsReasoningContent() {
    List<ChatChunk> chunks = stream(ask("Why?").extra("reasoning_effort", TextNode.valueOf("low")).build());

    String reasoning = chunks.stream().flatMap(c -> c.choices().stream())
        .map(c -> c.delta().reasoningContent()).filter(r -> r != null).collect(Collectors.joining());
    assertThat(reasoning).isEqualTo("Considering: Why?");
    assertThat(chunks.stream().map(ChatChunk::deltaText).collect(Collectors.joining())).isEqualTo("echo: Why?");
    assertThat(chunks.get(chunks.size() - 1).usage()).isNotNull();
  }

  @Test
  void errorsAreTyped() {
    fake.script("claude-sonnet-4-5", AnthropicError.behavior(429, "rate_limit_error", "slow down")
        .withHeader("retry-after", "9"));
    assertThatThrownBy(() -> chat(ask("hi").build())).isInstanceOfSatisfying(RateLimitException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(9)));

    fake.script("claude-sonnet-4-5",
        AnthropicError.midStream(Behavior.reply("partial answer"), 4, "overloaded_error", "Overloaded"));
    assertThatThrownBy(() -> stream(ask("hi").build())).isInstanceOf(ServiceUnavailableException.class);
  }
}
