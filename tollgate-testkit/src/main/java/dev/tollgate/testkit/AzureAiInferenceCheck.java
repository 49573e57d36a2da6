package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What Azure AI Foundry's model inference endpoint ({@code <base>/models/chat/completions},
 * {@code /models/embeddings}) checks before a request reaches the OpenAI-format handling: an {@code api-version}
 * query, a key ({@code api-key} or a Bearer token), and the {@code extra-parameters} rule. Body fields outside the
 * API's schema are an error (422) unless the request's {@code extra-parameters} header is {@code pass-through} or
 * {@code drop}, as the service documents ({@code error} is its default).
 */
final class AzureAiInferenceCheck {
  static final String PREFIX = "/models/";
  private static final Set<String> CHAT_FIELDS = Set.of("messages", "frequency_penalty", "stream",
      "presence_penalty", "temperature", "top_p", "max_tokens", "response_format", "stop", "tools", "tool_choice",
      "seed", "model", "modalities");
  private static final Set<String> EMBEDDING_FIELDS = Set.of("input", "dimensions", "encoding_format", "input_type",
      "model");

  /** A refusal: the status and Azure's error body. */
  record Refusal(int status, String body) {}

  private AzureAiInferenceCheck() {}

  static boolean handles(String path) {
    return path.equals(PREFIX + "chat/completions") || path.equals(PREFIX + "embeddings");
  }

  /** The refusal for this request, or null when it may proceed. */
  static Refusal check(HttpServerRequest request, JsonNode body) {
    if (request.getParam("api-version") == null) {
      return new Refusal(400, error("MissingApiVersionParameter", "The api-version query parameter (?api-version=)"
          + " is required for all requests.", null));
    }
    String key = request.getHeader("api-key");
    String auth = request.getHeader("authorization");
    if ((key == null || key.isBlank()) && (auth == null || !auth.startsWith("Bearer "))) {
      return new Refusal(401, error("401", "Access denied due to missing subscription key. Make sure to include"
          + " subscription key when making requests to an API.", null));
    }
    String mode = request.getHeader("extra-parameters");
    if (mode != null && !Set.of("error", "drop", "pass-through").contains(mode)) {
      return new Refusal(400, error("Invalid input", "extra-parameters must be one of error, drop, pass-through",
          null));
    }
    if (body != null && body.isObject() && (mode == null || mode.equals("error"))) {
      Set<String> known = request.path().endsWith("embeddings") ? EMBEDDING_FIELDS : CHAT_FIELDS;
      List<String> extra = new ArrayList<>();
      body.fieldNames().forEachRemaining(name -> {
        if (!known.contains(name)) {
          extra.add(name);
        }
      });
      if (!extra.isEmpty()) {
        return new Refusal(422, error("Invalid input", "invalid input error", extra));
      }
    }
    return null;
  }

  private static String error(String code, String message, List<String> extra) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (extra != null) {
      error.put("status", 422);
      ArrayNode details = error.putArray("details");
      for (String name : extra) {
        ObjectNode d = details.addObject();
        d.put("type", "extra_forbidden");
        d.putArray("loc").add("body").add(name);
        d.put("msg", "Extra inputs are not permitted");
      }
    }
    return Json.writeString(root);
  }
}
