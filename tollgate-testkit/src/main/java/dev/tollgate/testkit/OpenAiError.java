package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;

/** Builds OpenAI error envelopes: {@code {"error":{"message","type","param","code"}}}, all four keys present. */
public final class OpenAiError {
  private OpenAiError() {}

  /** The error JSON as a string; {@code param} and {@code code} may be null (written as JSON null). */
  public static String json(String message, String type, String param, String code) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return Json.writeString(root);
  }

  /** A 400-style {@code invalid_request_error} with null param and code. */
  public static String invalidRequest(String message) {
    return json(message, "invalid_request_error", null, null);
  }
}
