package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes one HTTP request of the fake: records it, picks the scripted behaviour and answers in OpenAI's format. */
final class FakeRequestHandler implements Handler<HttpServerRequest> {
  private static final String JSON = "application/json";
  private static final Pattern AZURE =
      Pattern.compile("^/openai/deployments/([^/]+)/(chat/completions|embeddings)$");
  private static final String DEFAULT_MODEL_LISTED = "fake-model";

  private enum Endpoint {
    CHAT,
    EMBEDDINGS,
    MODELS
  }

  private final Vertx vertx;
  private final FakeUpstream fake;
  private final StreamCounters counters;
  private final AtomicLong ids = new AtomicLong();
  private final CohereUpstream cohere;
  private final OllamaUpstream ollama;
  private final AnthropicMessagesHandler anthropic;
  private final GeminiFake gemini;
  private final BedrockRuntimeHandler bedrock;

  FakeRequestHandler(Vertx vertx, FakeUpstream fake, StreamCounters counters) {
    this.vertx = vertx;
    this.fake = fake;
    this.counters = counters;
    this.cohere = new CohereUpstream(fake);
    this.ollama = new OllamaUpstream(fake);
    this.anthropic = new AnthropicMessagesHandler(fake);
    this.gemini = new GeminiFake(fake, fake.googleOAuth(), anthropic);
    this.bedrock = new BedrockRuntimeHandler(fake);
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.body()
        .onSuccess(body -> handle(request, body))
        .onFailure(e -> request.response().setStatusCode(400).end());
  }

  private void handle(HttpServerRequest request, Buffer bodyBuffer) {
    byte[] body = bodyBuffer.getBytes();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    fake.record(new RecordedRequest(request.method().name(), request.path(), request.query(), headers, body));

    Exchange exchange = new Exchange(vertx, request, counters);
    String path = request.path();
    if (CohereUpstream.handles(path)) {
      cohere.handle(exchange, request, body);
      return;
    }
    if (OllamaUpstream.handles(path)) {
      ollama.handle(exchange, request, body);
      return;
    }
    if (path.equals(AnthropicMessagesHandler.PATH)) {
      anthropic.handle(exchange, request, body);
      return;
    }
    if (GeminiFake.handles(path)) {
      gemini.handle(exchange, request, body);
      return;
    }
    Matcher bedrockPath = BedrockRuntimeHandler.PATH.matcher(path);
    if (bedrockPath.matches() && request.method() == HttpMethod.POST) {
      bedrock.handle(exchange, request, body, bedrockPath);
      return;
    }
    String deployment = null;
    Endpoint endpoint;
    Matcher azure = AZURE.matcher(path);
    if (azure.matches()) {
      deployment = azure.group(1);
      endpoint = azure.group(2).equals("embeddings") ? Endpoint.EMBEDDINGS : Endpoint.CHAT;
    } else {
      String p = path.startsWith("/openai/v1/") ? path.substring("/openai".length()) : path;
      p = AzureAiInferenceCheck.handles(p) ? p.substring("/models".length()) : p;
      p = p.startsWith("/v1/") ? p.substring("/v1".length()) : p;
      endpoint = switch (p) {
        case "/chat/completions" -> Endpoint.CHAT;
        case "/embeddings" -> Endpoint.EMBEDDINGS;
        case "/models" -> Endpoint.MODELS;
        default -> null;
      };
    }
    if (endpoint == null) {
      fail(exchange, 404, "Unknown request URL: " + request.method() + " " + path + ".", null, "unknown_url");
      return;
    }
    HttpMethod expected = endpoint == Endpoint.MODELS ? HttpMethod.GET : HttpMethod.POST;
    if (!request.method().equals(expected)) {
      fail(exchange, 405, "Method " + request.method() + " not allowed on " + path + ".", null, "method_not_allowed");
      return;
    }
    if (endpoint == Endpoint.MODELS) {
      models(exchange, request);
      return;
    }

    JsonNode json;
    try {
      json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (AzureAiInferenceCheck.handles(path)) {
      AzureAiInferenceCheck.Refusal refusal = AzureAiInferenceCheck.check(request, json);
      if (refusal != null) {
        exchange.send(refusal.status(), JSON, Map.of(), Buffer.buffer(refusal.body()));
        return;
      }
    }
    if (json == null || !json.isObject()) {
      fail(exchange, 400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
          + "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
          + "valid JSON.)", null, null);
      return;
    }
    String model = json.path("model").isTextual() ? json.get("model").asText() : deployment;
    if (model == null) {
      fail(exchange, 400, "you must provide a model parameter", null, null);
      return;
    }
    Behavior behavior = fake.behaviorFor(model, request);
    if (endpoint == Endpoint.CHAT) {
      chat(exchange, json, model, behavior);
    } else {
      embeddings(exchange, json, model, behavior);
    }
  }

  private void chat(Exchange exchange, JsonNode json, String model, Behavior behavior) {
    if (!json.path("messages").isArray()) {
      fail(exchange, 400, "Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
      return;
    }
    if (behavior.kind() == Behavior.Kind.ERROR) {
      exchange.after(behavior.delay(), () -> sendError(exchange, behavior));
      return;
    }
    boolean stream = json.path("stream").asBoolean(false);
    if (behavior.kind() == Behavior.Kind.RECORDED_STREAM) {
      recorded(exchange, behavior, stream);
      return;
    }
    if (stream) {
      exchange.beginStream(); // counts from here, so a client leaving during the delay is a cancelled stream too
    }
    long n = ids.incrementAndGet();
    ChatCompletionBodies.Envelope env = new ChatCompletionBodies.Envelope(
        String.format("chatcmpl-fake%06d", n), Instant.now().getEpochSecond(), model, TokenEstimate.prompt(json));
    ChatCompletionBodies.Answer answer = switch (behavior.kind()) {
      case REPLY -> new ChatCompletionBodies.Answer(behavior.text(), null, null, null, behavior.finishReason());
      case TOOL_CALL -> new ChatCompletionBodies.Answer(null, String.format("call_fake%06d", n),
          behavior.toolName(), behavior.toolArguments(), behavior.finishReason());
      default -> new ChatCompletionBodies.Answer("echo: " + RequestText.lastUserText(json), null, null, null,
          behavior.finishReason());
    };
    if (stream) {
      boolean includeUsage = behavior.streamUsage()
          && json.path("stream_options").path("include_usage").asBoolean(false);
      List<ObjectNode> chunks = ChatCompletionBodies.streamChunks(env, answer, behavior.chunks(), includeUsage);
      SseStreamer streamer = new SseStreamer(exchange, chunks, behavior.streamGap(), behavior.breakAfter(),
          behavior.streamErrorAfter(), behavior.streamErrorBody());
      exchange.after(behavior.delay(), () -> streamer.start(behavior.headers()));
    } else if (behavior.breakAfter() >= 0) {
      exchange.after(behavior.delay(), exchange::breakConnection);
    } else {
      Buffer body = Buffer.buffer(Json.write(ChatCompletionBodies.completion(env, answer)));
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), body));
    }
  }

  /** A recorded stream, event by event as written. */
  private void recorded(Exchange exchange, Behavior behavior, boolean stream) {
    if (!stream) {
      fail(exchange, 400, "this fake model answers only streamed requests (a recorded stream)", "stream", null);
      return;
    }
    exchange.beginStream();
    List<Buffer> frames = new ArrayList<>();
    behavior.recordedEvents().forEach(e -> frames.add(Buffer.buffer(e)));
    FrameStreamer streamer = new FrameStreamer(exchange, frames, null, "text/event-stream", behavior.streamGap(),
        behavior.breakAfter());
    exchange.after(behavior.delay(), () -> streamer.start(behavior.headers()));
  }

  private void embeddings(Exchange exchange, JsonNode json, String model, Behavior behavior) {
    if (behavior.kind() == Behavior.Kind.ERROR) {
      exchange.after(behavior.delay(), () -> sendError(exchange, behavior));
      return;
    }
    List<JsonNode> inputs = EmbeddingBodies.inputs(json.get("input"));
    if (inputs == null) {
      fail(exchange, 400, "'input' must be a string, an array of strings or an array of token arrays.", "input",
          null);
      return;
    }
    int dims = behavior.kind() == Behavior.Kind.EMBEDDING
        ? behavior.embeddingDims()
        : json.path("dimensions").isInt() && json.get("dimensions").asInt() > 0
            ? json.get("dimensions").asInt()
            : Behavior.DEFAULT_EMBEDDING_DIMS;
    boolean base64 = "base64".equals(json.path("encoding_format").asText());
    Buffer body = Buffer.buffer(Json.write(EmbeddingBodies.response(model, inputs, dims, base64)));
    if (behavior.breakAfter() >= 0) {
      exchange.after(behavior.delay(), exchange::breakConnection);
    } else {
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, behavior.headers(), body));
    }
  }

  private void models(Exchange exchange, HttpServerRequest request) {
    TreeSet<String> names = new TreeSet<>(fake.scriptedModels());
    names.add(DEFAULT_MODEL_LISTED);
    ObjectNode root = Json.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (String name : names) {
      ObjectNode m = data.addObject();
      m.put("id", name);
      m.put("object", "model");
      m.put("created", 1_700_000_000L);
      m.put("owned_by", "tollgate-testkit");
    }
    exchange.send(200, JSON, Map.of(), Buffer.buffer(Json.write(root)));
  }

  private void sendError(Exchange exchange, Behavior behavior) {
    exchange.send(behavior.status(), JSON, behavior.headers(), Buffer.buffer(behavior.errorBody()));
  }

  private void fail(Exchange exchange, int status, String message, String param, String code) {
    String error = OpenAiError.json(message, "invalid_request_error", param, code);
    exchange.send(status, JSON, Map.of(), Buffer.buffer(error));
  }
}
