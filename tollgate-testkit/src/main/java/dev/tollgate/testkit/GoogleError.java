package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;

/** Google's error envelope (google.rpc.Status), as Gemini and Vertex AI send it. */
public final class GoogleError {
  private GoogleError() {}

  /** {@code {"error":{"code","message","status"}}}. */
  public static String json(int code, String status, String message) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    return Json.writeString(root);
  }
}
