package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake's Anthropic Messages endpoint, {@code POST /v1/messages}. It checks what Anthropic checks (a key in
 * {@code x-api-key} or a bearer {@code Authorization}, the {@code anthropic-version} header, then the body by
 * {@link AnthropicRequestCheck}) and answers
 * the scripted {@link Behavior} in Anthropic's format: a reply or echo as a text block, a tool call as a
 * {@code tool_use} block (also when {@code tool_choice} forces a tool and the scripted reply is a JSON object, as a
 * model obeying the forced tool would), a {@code thinking} block first when the request enables thinking, errors as
 * given. Streams follow {@link AnthropicMessageBodies#events}, honouring the behaviour's chunking, gap, break and
 * mid-stream error. Usage counts come from {@link TokenEstimate} and the fake's {@link AnthropicPromptCache}.
 */
final class AnthropicMessagesHandler {
  static final String PATH = "/v1/messages";
  private static final String JSON = "application/json";

  private final FakeUpstream fake;
  private final AtomicLong ids = new AtomicLong();

  AnthropicMessagesHandler(FakeUpstream fake) {
    this.fake = fake;
  }

  void handle(Exchange exchange, HttpServerRequest request, byte[] body) {
    if (!request.method().equals(HttpMethod.POST)) {
      fail(exchange, 405, "invalid_request_error", "Method " + request.method() + " not allowed on " + PATH);
      return;
    }
    if (!hasCredential(request)) {
      fail(exchange, 401, "authentication_error", "x-api-key header is required");
      return;
    }
    if (request.getHeader("anthropic-version") == null) {
      fail(exchange, 400, "invalid_request_error", "anthropic-version: header is required");
      return;
    }
    JsonNode json;
    try {
      json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      fail(exchange, 400, "invalid_request_error", "There was an error parsing the body of your request as JSON");
      return;
    }
    answerChecked(exchange, request, json);
  }

  /**
   * Answers a Messages body whose transport checks (auth, version) another front has done: Vertex AI's
   * {@code :rawPredict} ({@link GeminiFake}) hands over the body with the model from its path.
   */
  void answerChecked(Exchange exchange, HttpServerRequest request, JsonNode json) {
    String problem = AnthropicRequestCheck.problem(json);
    if (problem != null) {
      fail(exchange, 400, "invalid_request_error", problem);
      return;
    }
    String model = json.get("model").asText();
    Behavior behavior = fake.behaviorFor(model, request);
    if (behavior.kind() == Behavior.Kind.ERROR) {
      exchange.after(behavior.delay(), () ->
          exchange.send(behavior.status(), JSON, behavior.headers(), Buffer.buffer(behavior.errorBody())));
      return;
    }
    long n = ids.incrementAndGet();
    AnthropicMessageBodies.Answer answer;
    try {
      answer = answer(json, model, behavior, n);
    } catch (IllegalArgumentException e) {
      fail(exchange, 500, "api_error", "fake upstream: " + e.getMessage());
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>(behavior.headers());
    headers.putIfAbsent("request-id", String.format("req_fake%06d", n));
    if (json.path("stream").asBoolean(false)) {
      exchange.beginStream();
      AnthropicStreamer streamer =
          new AnthropicStreamer(exchange, AnthropicMessageBodies.events(answer, behavior.chunks()), behavior);
      exchange.after(behavior.delay(), () -> streamer.start(headers));
    } else if (behavior.breakAfter() >= 0) {
      exchange.after(behavior.delay(), exchange::breakConnection);
    } else {
      Buffer reply = Buffer.buffer(Json.write(AnthropicMessageBodies.message(answer)));
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, headers, reply));
    }
  }

  private AnthropicMessageBodies.Answer answer(JsonNode json, String model, Behavior behavior, long n) {
    List<AnthropicMessageBodies.Block> blocks = new ArrayList<>();
    String lastUser = RequestText.lastUserText(json);
    String thinking = json.path("thinking").path("type").asText("");
    if (thinking.equals("enabled") || thinking.equals("adaptive")) {
      blocks.add(AnthropicMessageBodies.Block.thinking("Considering: " + lastUser));
    }
    String toolId = String.format("toolu_fake%06d", n);
    boolean toolUse = false;
    switch (behavior.kind()) {
      case TOOL_CALL -> {
        blocks.add(AnthropicMessageBodies.Block.toolUse(toolId, behavior.toolName(), objectJson(behavior.toolArguments())));
        toolUse = true;
      }
      default -> {
        String text = behavior.kind() == Behavior.Kind.REPLY ? behavior.text() : "echo: " + lastUser;
        String forced = forcedTool(json);
        if (forced != null && isJsonObject(text)) {
          blocks.add(AnthropicMessageBodies.Block.toolUse(toolId, forced, objectJson(text)));
          toolUse = true;
        } else {
          blocks.add(AnthropicMessageBodies.Block.text(text));
        }
      }
    }
    AnthropicPromptCache.InputUsage input =
        fake.anthropicCache().usage(AnthropicMessageBodies.promptParts(json));
    return new AnthropicMessageBodies.Answer(String.format("msg_fake%06d", n), model, blocks,
        stopReason(behavior, toolUse), input.input(), input.cacheRead(), input.cacheCreation());
  }

  /** The tool {@code tool_choice} forces: the named one, or the first tool for {@code any}; else null. */
  private static String forcedTool(JsonNode json) {
    JsonNode choice = json.path("tool_choice");
    return switch (choice.path("type").asText("")) {
      case "tool" -> choice.path("name").asText(null);
      case "any" -> json.path("tools").path(0).path("name").asText(null);
      default -> null;
    };
  }

  /** Anthropic's stop reason for the behaviour's finish reason (OpenAI's names or Anthropic's own). */
  private static String stopReason(Behavior behavior, boolean toolUse) {
    String reason = behavior.finishReason();
    return switch (reason) {
      case "stop" -> toolUse ? "tool_use" : "end_turn";
      case "length" -> "max_tokens";
      case "tool_calls" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> reason; // end_turn, max_tokens, stop_sequence, tool_use, pause_turn, refusal
    };
  }

  private static boolean isJsonObject(String text) {
    try {
      return text != null && Json.MAPPER.readTree(text) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
    } catch (IOException e) {
      return false;
    }
  }

  private static String objectJson(String text) {
    if (!isJsonObject(text)) {
      throw new IllegalArgumentException("a tool_use input must be a JSON object, got: " + text);
    }
    return Json.writeString(Json.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * An API key in {@code x-api-key} (as the REST reference and SDKs up to 2.x send it) or as a bearer token in
   * {@code Authorization} (as the 3.x SDKs send it).
   */
  private static boolean hasCredential(HttpServerRequest request) {
    String key = request.getHeader("x-api-key");
    if (key != null && !key.isBlank()) {
      return true;
    }
    String authorization = request.getHeader("authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && !authorization.substring(7).isBlank();
  }

  private static void fail(Exchange exchange, int status, String type, String message) {
    exchange.send(status, JSON, Map.of(), Buffer.buffer(AnthropicError.json(type, message)));
  }
}
