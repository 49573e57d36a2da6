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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake's Cohere v2 endpoints, {@code POST /v2/chat} (JSON, or SSE events when {@code "stream": true}) and
 * {@code POST /v2/embed}, following the same {@link Behavior} scripts as the OpenAI endpoints (keyed by the body's
 * {@code model}). A request without a Bearer key gets Cohere's 401; a body that breaks Cohere's schema gets its 400
 * ({@link CohereRequestCheck}); error behaviours send their body as scripted (see {@link CohereError}).
 */
final class CohereUpstream {
  static final String CHAT = "/v2/chat";
  static final String EMBED = "/v2/embed";
  private static final String JSON = "application/json";

  private final FakeUpstream fake;
  private final AtomicLong ids = new AtomicLong();

  CohereUpstream(FakeUpstream fake) {
    this.fake = fake;
  }

  static boolean handles(String path) {
    return path.equals(CHAT) || path.equals(EMBED);
  }

  void handle(Exchange exchange, HttpServerRequest request, byte[] body) {
    if (!request.method().equals(HttpMethod.POST)) {
      fail(exchange, 405, "method not allowed");
      return;
    }
    String auth = request.getHeader("authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
      fail(exchange, 401, "no api key supplied");
      return;
    }
    JsonNode json;
    try {
      json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      fail(exchange, 400, "invalid request: could not parse request body as JSON");
      return;
    }
    boolean chat = request.path().equals(CHAT);
    String problem = chat ? CohereRequestCheck.chat(json) : CohereRequestCheck.embed(json);
    if (problem != null) {
      fail(exchange, 400, problem);
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
      chat(exchange, json, behavior);
    } else {
      embed(exchange, json, behavior);
    }
  }

  private void chat(Exchange exchange, JsonNode json, Behavior behavior) {
    boolean stream = json.path("stream").asBoolean(false);
    if (stream) {
      exchange.beginStream();
    }
    long n = ids.incrementAndGet();
    String id = String.format("cohere-fake-%06d", n);
    int input = TokenEstimate.prompt(json);
    String finish = CohereBodies.finishReason(behavior.finishReason());
    CohereBodies.Answer answer = switch (behavior.kind()) {
      case REPLY -> new CohereBodies.Answer(id, behavior.text(), null, null, null, finish, input);
      case TOOL_CALL -> new CohereBodies.Answer(id, null, String.format("%s_fake%06d", behavior.toolName(), n),
          behavior.toolName(), behavior.toolArguments(), finish, input);
      default -> new CohereBodies.Answer(id, "echo: " + RequestText.lastUserText(json), null, null, null, finish,
          input);
    };
    if (stream) {
      FrameStreamer streamer = new FrameStreamer(exchange, CohereBodies.chatEvents(answer, behavior.chunks()), null,
          "text/event-stream", behavior.streamGap(), behavior.breakAfter());
      exchange.after(behavior.delay(), () -> streamer.start(behavior.headers()));
    } else if (behavior.breakAfter() >= 0) {
      exchange.after(behavior.delay(), exchange::breakConnection);
    } else {
      Buffer out = Buffer.buffer(Json.write(CohereBodies.chat(answer)));
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), out));
    }
  }

  private void embed(Exchange exchange, JsonNode json, Behavior behavior) {
    List<String> texts = new ArrayList<>();
    json.get("texts").forEach(t -> texts.add(t.asText()));
    int dims = behavior.kind() == Behavior.Kind.EMBEDDING
        ? behavior.embeddingDims()
        : json.path("output_dimension").asInt(Behavior.DEFAULT_EMBEDDING_DIMS);
    boolean base64 = false;
    for (JsonNode type : json.path("embedding_types")) {
      base64 |= type.asText().equals("base64");
    }
    Buffer out = Buffer.buffer(Json.write(
        CohereBodies.embed(String.format("cohere-embed-%06d", ids.incrementAndGet()), texts, dims, base64)));
    if (behavior.breakAfter() >= 0) {
      exchange.after(behavior.delay(), exchange::breakConnection);
    } else {
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), out));
    }
  }

  private static void fail(Exchange exchange, int status, String message) {
    exchange.send(status, JSON, Map.of(), Buffer.buffer(CohereError.json(message)));
  }
}
