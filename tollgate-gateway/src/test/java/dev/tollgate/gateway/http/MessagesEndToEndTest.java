package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.AnthropicError;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK against the gateway's {@code /v1/messages}, served by an Anthropic deployment
 * ({@code claude-fake}: the body is passed through to the fake's {@code /v1/messages}) and by an OpenAI-compatible one
 * ({@code gpt-fake}: translated to chat completions and back) and by a native Gemini one ({@code gemini-fake}:
 * translated to OpenAI's format, then by the Gemini adapter to {@code generateContent}). Each model-parameterized test
 * runs on all three.
 */
class MessagesEndToEndTest {
  private static final Map<String, String> UPSTREAM = Map.of(
      "claude-fake", "claude-sonnet-4-5", "gpt-fake", "gpt-fake-upstream", "gemini-fake", "gemini-3-pro-preview");
  private static RunningGateway gw;
  private static AnthropicClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/messages/messages-config.yaml");
    client = AnthropicOkHttpClient.builder()
        .apiKey(RunningGateway.MASTER_KEY)
        .baseUrl(gw.baseUrl().replaceAll("/v1/?$", ""))
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
  }

  static MessageCreateParams.Builder params(String model, String text) {
    return MessageCreateParams.builder().model(model).maxTokens(512).system("Be brief.").addUserMessage(text);
  }

  static Tool weather() {
    return Tool.builder()
        .name("get_weather")
        .description("Weather in a city")
        .inputSchema(Tool.InputSchema.builder()
            .properties(Tool.InputSchema.Properties.builder()
                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                .build())
            .required(List.of("city"))
            .build())
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-fake", "gpt-fake", "gemini-fake"})
  void createAnswersAValidMessage(String model) {
    gw.fake().script(UPSTREAM.get(model), Behavior.reply("Bonjour!"));

    HttpResponseFor<Message> raw = client.messages().withRawResponse().create(params(model, "Say hi").build());
    Message message = raw.parse().validate();

    assertThat(message.id()).startsWith("msg_");
    assertThat(message.content().get(0).asText().text()).isEqualTo("Bonjour!");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
    assertThat(raw.headers().values("x-litellm-model-id")).singleElement().asString().isNotBlank();
    assertThat(raw.headers().values("x-litellm-model-group")).containsExactly(model);
    RecordedRequest sent = gw.fake().lastRequest();
    if (model.equals("gemini-fake")) {
      assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-3-pro-preview:generateContent");
      assertThat(sent.json().at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
      assertThat(sent.json().at("/contents/0/parts/0/text").asText()).isEqualTo("Say hi");
      assertThat(sent.json().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(512);
      return;
    }
    assertThat(sent.json().get("model").asText()).isEqualTo(UPSTREAM.get(model));
    if (model.equals("claude-fake")) {
      assertThat(sent.path()).isEqualTo("/v1/messages");
      assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-upstream");
      assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
      assertThat(sent.header("authorization")).isNull();
      assertThat(sent.json().get("system").asText()).isEqualTo("Be brief.");
    } else {
      assertThat(sent.path()).endsWith("/chat/completions");
      assertThat(sent.json().at("/messages/0/role").asText()).isEqualTo("system");
      assertThat(sent.json().at("/messages/1/content").asText()).isEqualTo("Say hi");
      assertThat(sent.json().get("max_tokens").asInt()).isEqualTo(512);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-fake", "gpt-fake", "gemini-fake"})
  void streamAccumulatesToAValidMessage(String model) {
    gw.fake().script(UPSTREAM.get(model), Behavior.reply("one two three").chunked(3));

    MessageAccumulator accumulator = MessageAccumulator.create();
    List<RawMessageStreamEvent> events;
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params(model, "count").build())) {
      events = stream.stream().toList();
    }
    events.forEach(accumulator::accumulate);
    Message message = accumulator.message().validate();

    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    assertThat(message.content()).hasSize(1);
    assertThat(message.content().get(0).asText().text()).isEqualTo("one two three");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-fake", "gpt-fake", "gemini-fake"})
  void toolUseThenToolResultRoundTrip(String model) {
    gw.fake().script(UPSTREAM.get(model), Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));

    Message created = client.messages().create(params(model, "Weather in Paris?").addTool(weather()).build())
        .validate();
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params(model, "Weather in Paris?").addTool(weather()).build())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    for (Message message : List.of(created, accumulator.message().validate())) {
      ToolUseBlock use = message.content().stream().filter(b -> b.isToolUse()).findFirst().orElseThrow().asToolUse();
      assertThat(use.name()).isEqualTo("get_weather");
      assertThat(use._input()).isEqualTo(JsonValue.from(Map.of("city", "Paris")));
      assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    ToolUseBlock use = created.content().stream().filter(b -> b.isToolUse()).findFirst().orElseThrow().asToolUse();
    gw.fake().script(UPSTREAM.get(model), Behavior.reply("It is 18C in Paris."));
    Message answer = client.messages().create(params(model, "Weather in Paris?").addTool(weather())
        .addMessage(created)
        .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
            ToolResultBlockParam.builder().toolUseId(use.id()).content("18C, sunny").build())))
        .build()).validate();

    assertThat(answer.content().get(0).asText().text()).isEqualTo("It is 18C in Paris.");
    JsonNode sent = gw.fake().lastRequest().json();
    if (model.equals("gemini-fake")) { // the thought signature rode in the tool_use id and came back
      assertThat(sent.at("/contents/1/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
      assertThat(sent.at("/contents/1/parts/0/thoughtSignature").asText()).isNotEmpty();
      assertThat(sent.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
    } else if (model.equals("claude-fake")) {
      assertThat(sent.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
      assertThat(sent.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo(use.id());
    } else {
      assertThat(sent.at("/messages/2/tool_calls/0/id").asText()).isEqualTo(use.id());
      assertThat(sent.at("/messages/2/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
      assertThat(sent.at("/messages/3/role").asText()).isEqualTo("tool");
      assertThat(sent.at("/messages/3/tool_call_id").asText()).isEqualTo(use.id());
      assertThat(sent.at("/messages/3/content").asText()).isEqualTo("18C, sunny");
      assertThat(sent.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("city");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-fake", "gpt-fake", "gemini-fake"})
  void wrongKeyIsA401InAnthropicShape(String model) {
    AnthropicClient stranger = AnthropicOkHttpClient.builder().apiKey("sk-wrong").baseUrl(gw.baseUrl().replaceAll("/v1/?$", ""))
        .maxRetries(0).build();
    try {
      assertThatThrownBy(() -> stranger.messages().create(params(model, "hi").build()))
          .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.body().toString()).contains("authentication_error");
          });
    } finally {
      stranger.close();
    }
  }

  @Test
  void anUnknownModelIsA400InAnthropicShape() {
    assertThatThrownBy(() -> client.messages().create(params("no-such-model", "hi").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e ->
            assertThat(e.getMessage()).contains("no-such-model"));
  }

  @Test
  void anUpstreamOverloadComesBackAsAnAnthropicError() {
    gw.fake().script("claude-sonnet-4-5", AnthropicError.behavior(529, "overloaded_error", "Overloaded"));

    assertThatThrownBy(() -> client.messages().create(params("claude-fake", "hi").build()))
        .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(503);
          assertThat(e.getMessage()).contains("Overloaded");
        });
  }

  @Test
  void aMidStreamFailureEndsTheStreamWithAnErrorEvent() {
    gw.fake().script("claude-sonnet-4-5",
        AnthropicError.midStream(Behavior.reply("partial answer"), 3, "overloaded_error", "Overloaded"));

    assertThatThrownBy(() -> {
      try (StreamResponse<RawMessageStreamEvent> stream =
          client.messages().createStreaming(params("claude-fake", "hi").build())) {
        stream.stream().toList();
      }
    }).hasMessageContaining("Overloaded");
  }

  @Test
  void aMockDeploymentAnswersInBothShapes() {
    Message message = client.messages().create(params("mock", "hi").build()).validate();
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("mock", "hi").build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    assertThat(message.content().get(0).asText().text()).isNotBlank();
    assertThat(accumulator.message().validate().content().get(0).asText().text())
        .isEqualTo(message.content().get(0).asText().text());
  }
}
