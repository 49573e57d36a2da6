package dev.tollgate.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.sse.SseDecoder;
import dev.tollgate.providers.sse.SseEvent;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes an OpenAI-format SSE stream: {@code data: <chunk json>} events ending with {@code data: [DONE]}. */
public final class OpenAiStreamDecoder implements ChatStreamDecoder {
  private final SseDecoder sse = new SseDecoder();
  private final String provider;
  private final String model;
  private boolean done;

  public OpenAiStreamDecoder(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  @Override
  public List<ChatChunk> feed(byte[] bytes) {
    List<SseEvent> events = sse.feed(bytes);
    List<ChatChunk> chunks = new ArrayList<>(events.size());
    for (SseEvent event : events) {
      if (done) {
        break;
      }
      String data = event.data();
      if ("[DONE]".equals(data.strip())) {
        done = true;
        continue;
      }
      chunks.add(toChunk(data));
    }
    return chunks;
  }

  @Override
  public boolean isDone() {
    return done;
  }

  private ChatChunk toChunk(String data) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(data);
    } catch (IOException e) {
      throw new InternalServerException(
          provider + " sent a stream event that is not JSON: " + abbreviate(data), provider, model);
    }
    if (node.has("error")) {
      int status = statusOf(node.get("error"));
      throw ErrorMapping.fromStatus(
          status,
          ErrorMapping.messageOf(data.getBytes(StandardCharsets.UTF_8)),
          provider,
          model,
          null);
    }
    return Json.convert(node, ChatChunk.class);
  }

  /**
   * The HTTP status an error event stands for: a numeric {@code code} (529, "429") as is, else OpenAI's string
   * {@code code} or {@code type} (rate_limit_exceeded, context_length_exceeded, invalid_api_key, ...), else 500.
   */
  static int statusOf(JsonNode error) {
    if (error == null || !error.isObject()) {
      return 500;
    }
    JsonNode code = error.path("code");
    if (code.isNumber() || (code.isTextual() && code.asText().matches("\\d{3}"))) {
      int status = code.asInt();
      return status >= 400 && status < 600 ? status : 500;
    }
    for (String key : new String[] {"code", "type"}) {
      Integer status = switch (error.path(key).asText("")) {
        case "rate_limit_exceeded", "rate_limit_error", "insufficient_quota", "requests", "tokens" -> 429;
        case "context_length_exceeded", "invalid_request_error", "unsupported_parameter", "unsupported_value",
            "content_filter", "content_policy_violation", "invalid_prompt" -> 400;
        case "invalid_api_key", "authentication_error" -> 401;
        case "permission_denied", "permission_error", "unsupported_country_region_territory" -> 403;
        case "model_not_found", "not_found_error" -> 404;
        case "overloaded_error", "slow_down", "service_unavailable" -> 503;
        default -> null;
      };
      if (status != null) {
        return status;
      }
    }
    return 500;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
