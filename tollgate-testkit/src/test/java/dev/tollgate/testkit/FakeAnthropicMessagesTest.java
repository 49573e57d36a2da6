package dev.tollgate.testkit;

import static dev.tollgate.testkit.TestHttp.fixture;
import static dev.tollgate.testkit.TestHttp.fixtureJson;
import static dev.tollgate.testkit.TestHttp.json;
import static dev.tollgate.testkit.TestHttp.postString;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's Anthropic Messages endpoint: Anthropic's validation, replies, streams and errors. */
class FakeAnthropicMessagesTest {
  private static final String[] HEADERS = {"x-api-key", "sk-ant-fake", "anthropic-version", "2023-06-01"};
  private static FakeUpstream fake;
  private static String url;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    url = fake.rootUrl() + "/v1/messages";
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void clean() {
    fake.reset();
  }

  private static HttpResponse<String> send(JsonNode body) {
    return postString(url, Json.writeString(body), HEADERS);
  }

  private static void assertInvalid(HttpResponse<String> response, int status, String type, String message) {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).isEqualTo(type);
    assertThat(body.at("/error/message").asText()).contains(message);
  }

  /** An SSE body as (event name, data) pairs, checking the {@code event:} line matches the data's type. */
  private static List<JsonNode> events(String body) {
    List<JsonNode> out = new ArrayList<>();
    for (String frame : body.split("\n\n")) {
      if (frame.isBlank()) {
        continue;
      }
      String[] lines = frame.split("\n");
      assertThat(lines).hasSize(2);
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      JsonNode data = Json.tree(lines[1].substring(6).getBytes(StandardCharsets.UTF_8));
      assertThat(data.get("type").asText()).isEqualTo(lines[0].substring(7));
      out.add(data);
    }
    return out;
  }

  @Test
  void answersAMessageWithUsageAndRequestId() {
    HttpResponse<String> response = send(fixtureJson("anthropic/messages-request.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("request-id")).get().asString().startsWith("req_fake");
    JsonNode message = json(response);
    assertThat(message.get("id").asText()).startsWith("msg_fake");
    assertThat(message.get("type").asText()).isEqualTo("message");
    assertThat(message.get("role").asText()).isEqualTo("assistant");
    assertThat(message.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(message.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(message.at("/content/0/text").asText()).isEqualTo("echo: Hello there");
    assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(message.get("stop_sequence").isNull()).isTrue();
    // "You are a helpful assistant." (28 chars) + "Hello there" (11): 7 + 3 tokens; "echo: Hello there": 5
    assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(10);
    assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(5);
    assertThat(message.at("/usage/cache_read_input_tokens").asInt()).isZero();
  }

  @Test
  void rejectsWhatAnthropicRejects() {
    ObjectNode noMax = fixtureJson("anthropic/messages-request.json");
    noMax.remove("max_tokens");
    assertInvalid(send(noMax), 400, "invalid_request_error", "max_tokens: Field required");

    ObjectNode extra = fixtureJson("anthropic/messages-request.json");
    extra.put("frequency_penalty", 0.5);
    assertInvalid(send(extra), 400, "invalid_request_error", "frequency_penalty: Extra inputs are not permitted");

    ObjectNode twoUsers = fixtureJson("anthropic/messages-request.json");
    ((ArrayNode) twoUsers.get("messages")).addObject().put("role", "user").put("content", "again");
    assertInvalid(send(twoUsers), 400, "invalid_request_error", "roles must alternate");

    ObjectNode assistantFirst = fixtureJson("anthropic/messages-request.json");
    ((ObjectNode) assistantFirst.at("/messages/0")).put("role", "assistant");
    assertInvalid(send(assistantFirst), 400, "invalid_request_error", "first message must use the \"user\" role");

    ObjectNode system = fixtureJson("anthropic/messages-request.json");
    ((ObjectNode) system.at("/messages/0")).put("role", "system");
    assertInvalid(send(system), 400, "invalid_request_error", "Unexpected role \"system\"");

    ObjectNode openAiImage = fixtureJson("anthropic/messages-request.json");
    ((ArrayNode) openAiImage.at("/messages/0/content")).addObject().put("type", "image_url");
    assertInvalid(send(openAiImage), 400, "invalid_request_error", "Input tag 'image_url'");

    ObjectNode hot = fixtureJson("anthropic/messages-request.json");
    hot.put("temperature", 1.5);
    assertInvalid(send(hot), 400, "invalid_request_error", "temperature: Input should be less than or equal to 1");
  }

  @Test
  void checksHeadersBeforeTheBody() {
    String body = fixture("anthropic/messages-request.json");

    assertInvalid(postString(url, body, "anthropic-version", "2023-06-01"), 401, "authentication_error",
        "x-api-key header is required");
    assertInvalid(postString(url, body, "x-api-key", "k"), 400, "invalid_request_error", "anthropic-version");
  }

  @Test
  void toolResultsMustAnswerTheToolUsesOfThePreviousTurn() {
    assertThat(send(fixtureJson("anthropic/tool-round-trip-request.json")).statusCode()).isEqualTo(200);

    ObjectNode wrongId = fixtureJson("anthropic/tool-round-trip-request.json");
    ((ObjectNode) wrongId.at("/messages/2/content/0")).put("tool_use_id", "toolu_other");
    assertInvalid(send(wrongId), 400, "invalid_request_error", "unexpected `tool_use_id` found in `tool_result`");

    ObjectNode noTools = fixtureJson("anthropic/tool-round-trip-request.json");
    noTools.remove("tools");
    assertInvalid(send(noTools), 400, "invalid_request_error", "must define tools");

    ObjectNode unanswered = fixtureJson("anthropic/tool-round-trip-request.json");
    ((ObjectNode) unanswered.at("/messages/2")).put("content", "never mind");
    assertInvalid(send(unanswered), 400, "invalid_request_error", "`tool_use` ids were found without `tool_result`");
  }

  @Test
  void scriptedToolCallIsAToolUseBlock() {
    fake.script("claude-sonnet-4-5", Behavior.toolCall("get_weather", "{\"city\":\"Rome\"}"));

    JsonNode message = json(send(fixtureJson("anthropic/tool-round-trip-request.json")));

    assertThat(message.at("/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(message.at("/content/0/id").asText()).startsWith("toolu_fake");
    assertThat(message.at("/content/0/name").asText()).isEqualTo("get_weather");
    assertThat(message.at("/content/0/input/city").asText()).isEqualTo("Rome");
    assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
  }

  @Test
  void aForcedToolTurnsAJsonReplyIntoItsInput() {
    fake.script("claude-sonnet-4-5", Behavior.reply("{\"city\":\"Oslo\"}"));
    ObjectNode request = fixtureJson("anthropic/tool-round-trip-request.json");
    request.putObject("tool_choice").put("type", "tool").put("name", "get_weather");

    JsonNode message = json(send(request));

    assertThat(message.at("/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(message.at("/content/0/input/city").asText()).isEqualTo("Oslo");
  }

  @Test
  void thinkingComesFirstWithASignature() {
    ObjectNode request = fixtureJson("anthropic/messages-request.json");
    request.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
    request.put("max_tokens", 2048);

    JsonNode message = json(send(request));

    assertThat(message.at("/content/0/type").asText()).isEqualTo("thinking");
    assertThat(message.at("/content/0/thinking").asText()).isEqualTo("Considering: Hello there");
    assertThat(message.at("/content/0/signature").asText()).isNotEmpty();
    assertThat(message.at("/content/1/text").asText()).isEqualTo("echo: Hello there");

    request.put("max_tokens", 1024);
    assertInvalid(send(request), 400, "invalid_request_error", "`max_tokens` must be greater than");
  }

  @Test
  void streamsTheDocumentedEventSequence() {
    fake.script("claude-sonnet-4-5", Behavior.reply("one two three").chunked(3));
    ObjectNode request = fixtureJson("anthropic/messages-request.json");
    request.put("stream", true);

    HttpResponse<String> response = send(request);

    assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
    List<JsonNode> events = events(response.body());
    assertThat(events.stream().map(e -> e.get("type").asText()).toList()).containsExactly(
        "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
        "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    assertThat(events.get(0).at("/message/usage/input_tokens").asInt()).isEqualTo(10);
    assertThat(events.stream().filter(e -> e.get("type").asText().equals("content_block_delta"))
        .map(e -> e.at("/delta/text").asText()).collect(Collectors.joining())).isEqualTo("one two three");
    assertThat(events.get(7).at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(events.get(7).at("/usage/output_tokens").asInt()).isEqualTo(4);
    assertThat(response.body()).doesNotContain("[DONE]");
    assertThat(fake.completedStreams()).isEqualTo(1);
  }

  @Test
  void streamedToolInputArrivesAsJsonFragments() {
    fake.script("claude-sonnet-4-5", Behavior.toolCall("get_weather", "{\"city\":\"San Francisco\"}"));
    ObjectNode request = fixtureJson("anthropic/tool-round-trip-request.json");
    request.put("stream", true);

    List<JsonNode> events = events(send(request).body());

    JsonNode start = events.get(1).get("content_block");
    assertThat(start.get("type").asText()).isEqualTo("tool_use");
    assertThat(start.get("name").asText()).isEqualTo("get_weather");
    assertThat(start.get("input").isEmpty()).isTrue();
    List<String> fragments = events.stream().filter(e -> e.at("/delta/type").asText().equals("input_json_delta"))
        .map(e -> e.at("/delta/partial_json").asText()).toList();
    assertThat(fragments.get(0)).isEmpty();
    assertThat(fragments.size()).isGreaterThan(2);
    assertThat(String.join("", fragments)).isEqualTo("{\"city\":\"San Francisco\"}");
  }

  @Test
  void errorsAreSentAsScriptedAndMidStreamAsErrorEvents() {
    fake.script("claude-sonnet-4-5", AnthropicError.behavior(529, "overloaded_error", "Overloaded"));
    assertInvalid(send(fixtureJson("anthropic/messages-request.json")), 529, "overloaded_error", "Overloaded");

    fake.script("claude-sonnet-4-5",
        AnthropicError.midStream(Behavior.reply("never finished"), 2, "overloaded_error", "Overloaded"));
    ObjectNode request = fixtureJson("anthropic/messages-request.json");
    request.put("stream", true);
    List<JsonNode> events = events(send(request).body());

    assertThat(events).hasSize(3);
    assertThat(events.get(2).get("type").asText()).isEqualTo("error");
    assertThat(events.get(2).at("/error/type").asText()).isEqualTo("overloaded_error");
  }

  @Test
  void aCacheBreakpointWritesThenReadsThePrefix() {
    JsonNode first = json(send(fixtureJson("anthropic/cached-request.json")));
    JsonNode second = json(send(fixtureJson("anthropic/cached-request.json")));

    // the system prompt (75 chars: 19 tokens) is the cached prefix; "Question?" is 3 uncached tokens
    assertThat(first.at("/usage/cache_creation_input_tokens").asInt()).isEqualTo(19);
    assertThat(first.at("/usage/cache_read_input_tokens").asInt()).isZero();
    assertThat(second.at("/usage/cache_creation_input_tokens").asInt()).isZero();
    assertThat(second.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(19);
    assertThat(second.at("/usage/input_tokens").asInt()).isEqualTo(3);
  }
}
