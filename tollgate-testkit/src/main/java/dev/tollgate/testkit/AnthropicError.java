package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;

/**
 * Anthropic's error bodies: {@code {"type":"error","error":{"type":..,"message":..},"request_id":..}}. Types as Anthropic
 * documents them, with their statuses: {@code invalid_request_error} 400, {@code authentication_error} 401,
 * {@code billing_error} 402, {@code permission_error} 403, {@code not_found_error} 404, {@code request_too_large} 413,
 * {@code rate_limit_error} 429, {@code api_error} 500, {@code timeout_error} 504, {@code overloaded_error} 529.
 */
public final class AnthropicError {
  private AnthropicError() {}

  /** The error body as a string. */
  public static String json(String type, String message) {
    ObjectNode root = Json.object();
    root.put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    root.put("request_id", "req_fake_error");
    return Json.writeString(root);
  }

  /** A scripted error reply in Anthropic's format, e.g. {@code behavior(529, "overloaded_error", "Overloaded")}. */
  public static Behavior behavior(int status, String type, String message) {
    return Behavior.error(status, json(type, message));
  }

  /** A stream that reports {@code type} as an {@code event: error} after {@code events} events. */
  public static Behavior midStream(Behavior behavior, int events, String type, String message) {
    return behavior.failStreamAfter(events, json(type, message));
  }
}
