package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's Gemini API (AI Studio: {@code /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent},
 * {@code :batchEmbedContents}, key in {@code x-goog-api-key}) and Vertex AI's Gemini endpoints
 * ({@code /v1/projects/{p}/locations/{l}/publishers/google/models/{model}:generateContent},
 * {@code :streamGenerateContent}, {@code :predict}, a bearer token from {@link GoogleOAuthFake}). Answers follow the
 * same {@link Behavior} scripts as the OpenAI paths, in Gemini's wire format; malformed requests get the API's 400
 * INVALID_ARGUMENT ({@link GeminiFakeValidation}). Streams are SSE without an end marker, as Gemini sends them.
 */
final class GeminiFake {
  private static final String JSON = "application/json";
  private static final Pattern AI_STUDIO =
      Pattern.compile("^/v1(?:beta|alpha)?/models/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents)$");
  private static final Pattern VERTEX = Pattern.compile(
      "^/v1(?:beta1)?/projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+)"
          + ":(generateContent|streamGenerateContent|predict)$");
  private static final Pattern VERTEX_CLAUDE = Pattern.compile(
      "^/v1(?:beta1)?/projects/([^/]+)/locations/([^/]+)/publishers/anthropic/models/([^/:]+)"
          + ":(rawPredict|streamRawPredict)$");
  static final String VERTEX_ANTHROPIC_VERSION = "vertex-2023-10-16";
  private final FakeUpstream fake;
  private final GoogleOAuthFake oauth;
  private final AnthropicMessagesHandler anthropic;
  private final AtomicLong ids = new AtomicLong();

  GeminiFake(FakeUpstream fake, GoogleOAuthFake oauth, AnthropicMessagesHandler anthropic) {
    this.fake = fake;
    this.oauth = oauth;
    this.anthropic = anthropic;
  }

  static boolean handles(String path) {
    return path.equals(GoogleOAuthFake.PATH) || AI_STUDIO.matcher(path).matches() || VERTEX.matcher(path).matches()
        || VERTEX_CLAUDE.matcher(path).matches();
  }

  void handle(Exchange exchange, HttpServerRequest request, byte[] body) {
    String path = request.path();
    if (!"POST".equals(request.method().name())) {
      googleError(exchange, 404, "NOT_FOUND", "The requested URL " + path + " was not found on this server.");
      return;
    }
    if (path.equals(GoogleOAuthFake.PATH)) {
      oauth.handle(exchange, body);
      return;
    }
    Matcher claude = VERTEX_CLAUDE.matcher(path);
    if (claude.matches()) {
      if (authorized(exchange, request, true)) {
        claude(exchange, request, body, claude.group(3), claude.group(4).startsWith("stream"));
      }
      return;
    }
    Matcher studio = AI_STUDIO.matcher(path);
    Matcher vertex = VERTEX.matcher(path);
    boolean isVertex = !studio.matches();
    if (isVertex && !vertex.matches()) {
      googleError(exchange, 404, "NOT_FOUND", "Unknown path " + path);
      return;
    }
    String model = isVertex ? vertex.group(3) : studio.group(1);
    String method = isVertex ? vertex.group(4) : studio.group(2);
    if (!authorized(exchange, request, isVertex)) {
      return;
    }
    JsonNode json;
    try {
      json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      googleError(exchange, 400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token.");
      return;
    }
    Behavior behavior = fake.behaviorFor(model, request);
    if (behavior.kind() == Behavior.Kind.ERROR) {
      exchange.after(behavior.delay(), () -> exchange.send(behavior.status(), JSON, behavior.headers(),
          Buffer.buffer(behavior.errorBody())));
      return;
    }
    switch (method) {
      case "batchEmbedContents" -> batchEmbed(exchange, json, model, behavior);
      case "predict" -> predict(exchange, json, behavior);
      default -> generate(exchange, request, json, model, isVertex, method.startsWith("stream"), behavior);
    }
  }

  private boolean authorized(Exchange exchange, HttpServerRequest request, boolean vertex) {
    if (vertex) {
      String auth = request.getHeader("authorization");
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
      if (!oauth.isValid(token)) {
        googleError(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected "
            + "OAuth 2 access token, login cookie or other valid authentication credential.");
        return false;
      }
      return true;
    }
    String key = request.getHeader("x-goog-api-key");
    if (key == null || key.isBlank()) {
      googleError(exchange, 403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without "
          + "established identity). Please use API Key or other form of API consumer identity to call this API.");
      return false;
    }
    if (key.startsWith("invalid")) {
      ObjectNode root = Json.object();
      ObjectNode error = root.putObject("error");
      error.put("code", 400);
      error.put("message", "API key not valid. Please pass a valid API key.");
      error.put("status", "INVALID_ARGUMENT");
      error.putArray("details").addObject()
          .put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "API_KEY_INVALID");
      exchange.send(400, JSON, Map.of(), Buffer.buffer(Json.write(root)));
      return false;
    }
    return true;
  }

  private void generate(Exchange exchange, HttpServerRequest request, JsonNode json, String model, boolean vertex,
      boolean stream, Behavior behavior) {
    String problem = GeminiFakeValidation.problem(json, model, vertex);
    if (problem != null) {
      googleError(exchange, 400, "INVALID_ARGUMENT", problem);
      return;
    }
    long n = ids.incrementAndGet();
    String responseId = String.format("fake-gemini-%06d", n);
    GeminiFakeBodies.Answer answer = GeminiFakeBodies.answer(behavior, json, model, n);
    int promptTokens = GeminiFakeBodies.promptTokens(json);
    if (!stream) {
      if (behavior.breakAfter() >= 0) {
        exchange.after(behavior.delay(), exchange::breakConnection);
        return;
      }
      Buffer body = Buffer.buffer(Json.write(GeminiFakeBodies.response(responseId, model, answer, promptTokens)));
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), body));
      return;
    }
    exchange.beginStream();
    List<ObjectNode> events = GeminiFakeBodies.streamEvents(responseId, model, answer, promptTokens,
        behavior.chunks());
    boolean sse = "sse".equals(request.getParam("alt"));
    exchange.after(behavior.delay(), () -> startStream(exchange, events, sse, behavior));
  }

  private void startStream(Exchange exchange, List<ObjectNode> events, boolean sse, Behavior behavior) {
    if (!exchange.isOpen()) {
      return;
    }
    HttpServerResponse response = exchange.response();
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader("content-type", sse ? "text/event-stream" : JSON);
    behavior.headers().forEach(response::putHeader);
    response.writeHead();
    int breakAt = behavior.breakAfter() < 0 ? -1 : Math.min(behavior.breakAfter(), events.size());
    writeFrom(exchange, events, 0, sse, breakAt, behavior.streamGap());
  }

  private void writeFrom(Exchange exchange, List<ObjectNode> events, int index, boolean sse, int breakAt,
      Duration gap) {
    int i = index;
    while (exchange.isOpen()) {
      if (i == breakAt) {
        exchange.breakConnection();
        return;
      }
      if (i == events.size()) {
        exchange.endStream(Buffer.buffer(sse ? "" : "]"));
        return;
      }
      Buffer frame = Buffer.buffer();
      if (sse) {
        frame.appendString("data: ").appendBytes(Json.write(events.get(i))).appendString("\r\n\r\n");
      } else {
        frame.appendString(i == 0 ? "[" : ",\r\n").appendBytes(Json.write(events.get(i)));
      }
      exchange.response().write(frame);
      i++;
      if (!gap.isZero()) {
        int next = i;
        exchange.after(gap, () -> writeFrom(exchange, events, next, sse, breakAt, gap));
        return;
      }
    }
  }

  private void batchEmbed(Exchange exchange, JsonNode json, String model, Behavior behavior) {
    JsonNode requests = json.get("requests");
    if (requests == null || !requests.isArray() || requests.isEmpty()) {
      googleError(exchange, 400, "INVALID_ARGUMENT", "* BatchEmbedContentsRequest.requests: requests is empty");
      return;
    }
    List<String> texts = new ArrayList<>();
    int dims = -1;
    for (int i = 0; i < requests.size(); i++) {
      JsonNode one = requests.get(i);
      if (!("models/" + model).equals(one.path("model").asText())) {
        googleError(exchange, 400, "INVALID_ARGUMENT", "* BatchEmbedContentsRequest.model: Model names should "
            + "start with `models/` and match the batch's model (requests[" + i + "].model).");
        return;
      }
      StringBuilder text = new StringBuilder();
      one.path("content").path("parts").forEach(p -> text.append(p.path("text").asText("")));
      if (text.isEmpty()) {
        googleError(exchange, 400, "INVALID_ARGUMENT", "* BatchEmbedContentsRequest.requests[" + i
            + "].content.parts: contents.parts must not be empty.");
        return;
      }
      texts.add(text.toString());
      dims = one.path("outputDimensionality").asInt(dims);
    }
    int size = dims > 0 ? dims : behavior.kind() == Behavior.Kind.EMBEDDING ? behavior.embeddingDims()
        : Behavior.DEFAULT_EMBEDDING_DIMS;
    Buffer body = Buffer.buffer(Json.write(GeminiFakeBodies.batchEmbeddings(texts, size)));
    exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), body));
  }

  private void predict(Exchange exchange, JsonNode json, Behavior behavior) {
    JsonNode instances = json.get("instances");
    if (instances == null || !instances.isArray() || instances.isEmpty()) {
      googleError(exchange, 400, "INVALID_ARGUMENT", "instances must be a non-empty list");
      return;
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode instance : instances) {
      if (!instance.path("content").isTextual()) {
        googleError(exchange, 400, "INVALID_ARGUMENT", "Each instance needs a string field 'content'.");
        return;
      }
      texts.add(instance.get("content").asText());
    }
    int dims = json.path("parameters").path("outputDimensionality").asInt(
        behavior.kind() == Behavior.Kind.EMBEDDING ? behavior.embeddingDims() : Behavior.DEFAULT_EMBEDDING_DIMS);
    Buffer body = Buffer.buffer(Json.write(GeminiFakeBodies.predictEmbeddings(texts, dims)));
    exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), body));
  }

  /**
   * Claude on Vertex AI: an Anthropic Messages body without {@code model} (the path names it) and with
   * {@code "anthropic_version": "vertex-2023-10-16"}; answered by the Anthropic fake as Anthropic would.
   */
  private void claude(Exchange exchange, HttpServerRequest request, byte[] body, String model, boolean stream) {
    JsonNode json;
    try {
      json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (!(json instanceof ObjectNode messages)) {
      anthropicError(exchange, "There was an error parsing the body of your request as JSON");
      return;
    }
    if (!VERTEX_ANTHROPIC_VERSION.equals(messages.path("anthropic_version").asText())) {
      anthropicError(exchange, "anthropic_version: Input should be '" + VERTEX_ANTHROPIC_VERSION + "'");
      return;
    }
    if (messages.has("model")) {
      anthropicError(exchange, "model: Extra inputs are not permitted (the model is named in the URL)");
      return;
    }
    if (stream != messages.path("stream").asBoolean(false)) {
      anthropicError(exchange, "stream must be " + stream + " for :" + (stream ? "streamRawPredict" : "rawPredict"));
      return;
    }
    messages.remove("anthropic_version");
    messages.put("model", model);
    anthropic.answerChecked(exchange, request, messages);
  }

  private static void anthropicError(Exchange exchange, String message) {
    exchange.send(400, JSON, Map.of(), Buffer.buffer(AnthropicError.json("invalid_request_error", message)));
  }

  private static void googleError(Exchange exchange, int code, String status, String message) {
    exchange.send(code, JSON, Map.of(), Buffer.buffer(GoogleError.json(code, status, message)));
  }
}
