package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fake's native Ollama endpoints, {@code POST /api/chat} and {@code POST /api/embed}, following the same
 * {@link Behavior} scripts (keyed by the body's {@code model}). Like Ollama, chat streams NDJSON unless the body says
 * {@code "stream": false}. Malformed bodies get Ollama's 400 ({@link OllamaRequestCheck}); error behaviours send
 * their body as scripted (see {@link OllamaError}). No key is required, as for a local server.
 */
final class OllamaUpstream {
  static final String CHAT = "/api/chat";
  static final String EMBED = "/api/embed";
  private static final String JSON = "application/json; charset=utf-8";

  private final FakeUpstream fake;

  OllamaUpstream(FakeUpstream fake) {
    this.fake = fake;
  }

  static boolean handles(String path) {
    return path.equals(CHAT) || path.equals(EMBED);
  }

  void handle(Exchange exchange, HttpServerRequest request, byte[] body) {
    if (!request.method().equals(HttpMethod.POST)) {
      exchange.send(405, JSON, Map.of(), Buffer.buffer(OllamaError.json("405 method not allowed")));
      return;
    }
    JsonNode json;
    try {
      json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      fail(exchange, "invalid character looking for beginning of value");
      return;
    }
    boolean chat = request.path().equals(CHAT);
    String problem = chat ? OllamaRequestCheck.chat(json) : OllamaRequestCheck.embed(json);
    if (problem != null) {
      fail(exchange, problem);
      return;
    }
    String model = json.get("model").asText();
    Behavior behavior = fake.behaviorFor(model, request);
    if (behavior.kind() == Behavior.Kind.ERROR) {
      exchange.after(behavior.delay(), () ->
          exchange.send(behavior.status(), JSON, behavior.headers(), Buffer.buffer(behavior.errorBody())));
      return;
    }
    if (chat) {
      chat(exchange, json, model, behavior);
    } else {
      embed(exchange, json, model, behavior);
    }
  }

  private void chat(Exchange exchange, JsonNode json, String model, Behavior behavior) {
    boolean stream = json.path("stream").asBoolean(true);
    if (stream) {
      exchange.beginStream();
    }
    int prompt = TokenEstimate.prompt(json);
    String done = OllamaBodies.doneReason(behavior.finishReason());
    OllamaBodies.Answer answer = switch (behavior.kind()) {
      case REPLY -> new OllamaBodies.Answer(model, behavior.text(), null, null, done, prompt,
          TokenEstimate.of(behavior.text()));
      case TOOL_CALL -> new OllamaBodies.Answer(model, null, behavior.toolName(),
          Json.tree(behavior.toolArguments().getBytes(java.nio.charset.StandardCharsets.UTF_8)), done, prompt,
          TokenEstimate.of(behavior.toolArguments()));
      default -> {
        String text = "echo: " + RequestText.lastUserText(json);
        yield new OllamaBodies.Answer(model, text, null, null, done, prompt, TokenEstimate.of(text));
      }
    };
    if (stream) {
      FrameStreamer streamer = new FrameStreamer(exchange, OllamaBodies.chatLines(answer, behavior.chunks()), null,
          "application/x-ndjson", behavior.streamGap(), behavior.breakAfter());
      exchange.after(behavior.delay(), () -> streamer.start(behavior.headers()));
    } else if (behavior.breakAfter() >= 0) {
      exchange.after(behavior.delay(), exchange::breakConnection);
    } else {
      Buffer out = Buffer.buffer(Json.write(OllamaBodies.chat(answer)));
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), out));
    }
  }

  private void embed(Exchange exchange, JsonNode json, String model, Behavior behavior) {
    List<String> inputs = new ArrayList<>();
    JsonNode input = json.get("input");
    if (input.isTextual()) {
      inputs.add(input.asText());
    } else {
      input.forEach(i -> inputs.add(i.asText()));
    }
    int dims = behavior.kind() == Behavior.Kind.EMBEDDING
        ? behavior.embeddingDims()
        : json.path("dimensions").asInt(Behavior.DEFAULT_EMBEDDING_DIMS);
    Buffer out = Buffer.buffer(Json.write(OllamaBodies.embed(model, inputs, dims)));
    if (behavior.breakAfter() >= 0) {
      exchange.after(behavior.delay(), exchange::breakConnection);
    } else {
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), out));
    }
  }

  private static void fail(Exchange exchange, String message) {
    exchange.send(400, JSON, Map.of(), Buffer.buffer(OllamaError.json(message)));
  }
}
