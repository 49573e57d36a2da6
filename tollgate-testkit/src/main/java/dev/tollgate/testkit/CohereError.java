package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.UUID;

/** Cohere's error body, {@code {"id": "<uuid>", "message": "..."}}, for scripting errors of the Cohere fake. */
public final class CohereError {
  private CohereError() {}

  public static String json(String message) {
    ObjectNode root = Json.object();
    root.put("id", UUID.nameUUIDFromBytes(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    root.put("message", message);
    return Json.writeString(root);
  }
}
