package dev.tollgate.gateway.calls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Usage for a stream whose upstream sent none: keeps the OpenAI SSE frames relayed to the client (up to
 * {@value #MAX_BYTES} bytes) and, only when the stream ends without a usage chunk, counts the completion tokens of the
 * relayed text (content, refusal, tool-call names and arguments) and the prompt tokens of the request with
 * {@link TokenCounter}, as LiteLLM does for streams without usage. Keeping a frame is one array copy; the counting
 * happens once, at the end, and only for such streams.
 */
public final class StreamTokenEstimate {
  public static final int MAX_BYTES = 1024 * 1024;
  private final ByteArrayOutputStream frames = new ByteArrayOutputStream(1024);
  private boolean truncated;

  /** Keeps a relayed frame (SSE bytes). */
  public void relayed(byte[] frame) {
    if (frames.size() + frame.length > MAX_BYTES) {
      truncated = true;
      return;
    }
    frames.write(frame, 0, frame.length);
  }

  /** True when frames were dropped past {@link #MAX_BYTES} (the estimate then counts less than was sent). */
  public boolean truncated() {
    return truncated;
  }

  /** The estimated usage: prompt tokens of {@code request}, completion tokens of the relayed text. */
  public Usage estimate(ChatRequest request) {
    int prompt = request == null ? 0 : TokenCounter.countPrompt(request);
    String model = request == null ? null : request.model();
    int completion = TokenCounter.countText(model, completionText());
    return Usage.of(prompt, completion);
  }

  /** The text the stream carried, in order. */
  public String completionText() {
    StringBuilder text = new StringBuilder();
    String all = frames.toString(StandardCharsets.UTF_8);
    for (String line : all.split("\n")) {
      if (!line.startsWith("data:")) {
        continue;
      }
      String data = line.substring(5).trim();
      if (data.isEmpty() || data.equals("[DONE]")) {
        continue;
      }
      JsonNode chunk;
      try {
        chunk = Json.MAPPER.readTree(data);
      } catch (Exception e) {
        continue;
      }
      for (JsonNode choice : chunk.path("choices")) {
        JsonNode delta = choice.path("delta");
        append(text, delta.get("content"));
        append(text, delta.get("refusal"));
        for (JsonNode call : delta.path("tool_calls")) {
          append(text, call.path("function").get("name"));
          append(text, call.path("function").get("arguments"));
        }
      }
    }
    return text.toString();
  }

  private static void append(StringBuilder text, JsonNode node) {
    if (node != null && node.isTextual()) {
      text.append(node.asText());
    }
  }
}
