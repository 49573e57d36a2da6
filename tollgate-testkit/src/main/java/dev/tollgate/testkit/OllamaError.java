package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;

/** Ollama's error body, {@code {"error": "..."}}, for scripting errors of the Ollama fake. */
public final class OllamaError {
  private OllamaError() {}

  public static String json(String message) {
    ObjectNode root = Json.object();
    root.put("error", message);
    return Json.writeString(root);
  }
}
