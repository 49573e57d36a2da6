package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake AWS Bedrock Runtime: {@code POST /model/{modelId}/converse}, {@code /converse-stream} (event-stream frames)
 * and {@code /invoke} (Titan and Cohere embeddings). Every request must be authenticated as {@link FakeBedrock} says:
 * a SigV4 signature the fake recomputes ({@link SigV4Verifier}, service {@code bedrock}, region
 * {@link FakeBedrock#REGION}) or the fake's Bedrock API key as a bearer token; a bad one gets the 403 AWS sends.
 * Converse bodies Bedrock would refuse get its 400 ValidationException ({@link BedrockRequestCheck}). Answers follow
 * the model's (decoded model id's) scripted {@link Behavior}.
 */
final class BedrockRuntimeHandler {
  static final Pattern PATH = Pattern.compile("^/model/([^/]+)/(converse|converse-stream|invoke)$");
  private static final String JSON = "application/json";
  private final FakeUpstream fake;
  private final AtomicLong ids = new AtomicLong();
  private final SigV4Verifier verifier = new SigV4Verifier("bedrock", FakeBedrock.REGION,
      key -> key.equals(FakeBedrock.ACCESS_KEY_ID) ? FakeBedrock.SECRET_ACCESS_KEY : null);

  BedrockRuntimeHandler(FakeUpstream fake) {
    this.fake = fake;
  }

  void handle(Exchange exchange, HttpServerRequest request, byte[] body, Matcher path) {
    String modelId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
    String operation = path.group(2);
    SigV4Verifier.Failure denied = authenticate(request, body);
    if (denied != null) {
      error(exchange, denied.status(), denied.exception(), denied.message());
      return;
    }
    JsonNode json;
    try {
      json = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      error(exchange, 400, "ValidationException", "Malformed input request, please reformat your input and try again.");
      return;
    }
    Behavior behavior = fake.behaviorFor(modelId, request);
    if (operation.equals("invoke")) {
      invoke(exchange, json, modelId, behavior);
      return;
    }
    String problem = BedrockRequestCheck.converse(json);
    if (problem != null) {
      error(exchange, 400, "ValidationException", problem);
      return;
    }
    if (behavior.kind() == Behavior.Kind.ERROR) {
      exchange.after(behavior.delay(), () -> exchange.send(behavior.status(), JSON, behavior.headers(),
          Buffer.buffer(behavior.errorBody())));
      return;
    }
    long n = ids.incrementAndGet();
    BedrockBodies.Answer answer = BedrockBodies.answer(behavior, json, n);
    Map<String, String> headers = new LinkedHashMap<>(behavior.headers());
    String exceptionType = headers.remove(BedrockError.EXCEPTION_TYPE);
    String exceptionAfter = headers.remove(BedrockError.EXCEPTION_AFTER);
    String exceptionMessage = headers.remove(BedrockError.EXCEPTION_MESSAGE);
    headers.put("x-amzn-RequestId", String.format("fake-bedrock-%06d", n));
    if (operation.equals("converse-stream")) {
      exchange.beginStream();
      BedrockEventStreamer streamer = new BedrockEventStreamer(exchange,
          BedrockBodies.events(answer, json, behavior.chunks()), behavior.streamGap(), behavior.breakAfter(),
          exceptionType == null ? -1 : Integer.parseInt(exceptionAfter),
          exceptionType == null ? null : BedrockEventStreamer.exceptionFrame(exceptionType, exceptionMessage));
      exchange.after(behavior.delay(), () -> streamer.start(headers));
    } else if (behavior.breakAfter() >= 0) {
      exchange.after(behavior.delay(), exchange::breakConnection);
    } else {
      Buffer reply = Buffer.buffer(Json.write(BedrockBodies.reply(answer, json)));
      exchange.after(behavior.delay(), () -> exchange.send(200, JSON, headers, reply));
    }
  }

  private SigV4Verifier.Failure authenticate(HttpServerRequest request, byte[] body) {
    String authorization = request.getHeader("authorization");
    if (authorization != null && authorization.startsWith("Bearer ")) {
      return authorization.substring("Bearer ".length()).equals(FakeBedrock.API_KEY) ? null
          : new SigV4Verifier.Failure(403, "UnrecognizedClientException", "Invalid API Key format: Must start with"
              + " pre-defined prefix");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return verifier.verify(request.method().name(), request.path(), request.query(), headers, body, Instant.now());
  }

  private void invoke(Exchange exchange, JsonNode json, String modelId, Behavior behavior) {
    if (behavior.kind() == Behavior.Kind.ERROR) {
      exchange.after(behavior.delay(), () -> exchange.send(behavior.status(), JSON, behavior.headers(),
          Buffer.buffer(behavior.errorBody())));
      return;
    }
    int dims = behavior.kind() == Behavior.Kind.EMBEDDING ? behavior.embeddingDims()
        : json.path("dimensions").asInt(Behavior.DEFAULT_EMBEDDING_DIMS);
    ObjectNode reply = Json.object();
    int tokens;
    if (modelId.contains("amazon.titan-embed-text")) {
      String problem = extraneous(json, "inputText", "dimensions", "normalize", "embeddingTypes");
      if (problem == null && (!json.path("inputText").isTextual() || json.get("inputText").asText().isEmpty())) {
        problem = "Malformed input request: #: required key [inputText] not found, please reformat your input and try"
            + " again.";
      }
      if (problem != null) {
        error(exchange, 400, "ValidationException", problem);
        return;
      }
      reply.set("embedding", vector(json.get("inputText"), dims));
      tokens = Math.max(1, TokenEstimate.of(json.get("inputText").asText()));
      reply.put("inputTextTokenCount", tokens);
    } else if (modelId.contains("cohere.embed")) {
      String problem = extraneous(json, "texts", "input_type", "truncate", "embedding_types", "images");
      if (problem == null && (!json.path("texts").isArray() || !json.path("input_type").isTextual())) {
        problem = "Malformed input request: #: required key [input_type] or [texts] not found, please reformat your"
            + " input and try again.";
      }
      if (problem != null) {
        error(exchange, 400, "ValidationException", problem);
        return;
      }
      ArrayNode embeddings = reply.putArray("embeddings");
      tokens = 0;
      for (JsonNode text : json.get("texts")) {
        embeddings.add(vector(text, dims));
        tokens += Math.max(1, TokenEstimate.of(text.asText()));
      }
      reply.put("id", "fake-embed-" + ids.incrementAndGet());
      reply.set("texts", json.get("texts"));
      reply.put("response_type", "embeddings_floats");
    } else {
      error(exchange, 400, "ValidationException", "The fake Bedrock embeds with amazon.titan-embed-text-* and"
          + " cohere.embed-* models only, not " + modelId + ".");
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>(behavior.headers());
    headers.put("X-Amzn-Bedrock-Input-Token-Count", Integer.toString(tokens));
    Buffer out = Buffer.buffer(Json.write(reply));
    exchange.after(behavior.delay(), () -> exchange.send(200, JSON, headers, out));
  }

  private static String extraneous(JsonNode json, String... allowed) {
    List<String> known = List.of(allowed);
    for (var it = json.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        return "Malformed input request: #: extraneous key [" + field + "] is not permitted, please reformat your input"
            + " and try again.";
      }
    }
    return null;
  }

  private static ArrayNode vector(JsonNode input, int dims) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (float f : EmbeddingBodies.vector(input, dims)) {
      out.add(f);
    }
    return out;
  }

  private static void error(Exchange exchange, int status, String exception, String message) {
    exchange.send(status, JSON, Map.of("x-amzn-ErrorType", BedrockError.typeHeader(exception)),
        Buffer.buffer(BedrockError.body(message)));
  }
}
