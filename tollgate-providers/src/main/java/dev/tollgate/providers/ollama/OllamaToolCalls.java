package dev.tollgate.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Ids;
import dev.tollgate.providers.types.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's tool calls as OpenAI's: arguments arrive as a JSON object and leave as a JSON string; Ollama gives ids only
 * in recent versions, so a call without one gets a generated {@code call_<hex>} id (the client echoes it back in its
 * tool result, which is then matched to the call's function name, see {@link OllamaMessages}).
 */
final class OllamaToolCalls {
  private OllamaToolCalls() {}

  /** The calls of one message; {@code firstIndex} numbers them within the reply (for stream deltas). */
  static List<ToolCall> toOpenAi(JsonNode calls, int firstIndex, boolean withIndex) {
    List<ToolCall> out = new ArrayList<>();
    int index = firstIndex;
    for (JsonNode call : calls) {
      JsonNode fn = call.path("function");
      JsonNode args = fn.get("arguments");
      String arguments = args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString();
      String id = call.path("id").isTextual() && !call.get("id").asText().isEmpty()
          ? call.get("id").asText()
          : "call_" + Ids.uuid().replace("-", "").substring(0, 24);
      out.add(new ToolCall(withIndex ? index : null, id, "function",
          new ToolCall.FunctionCall(fn.path("name").asText(""), arguments, null), null));
      index++;
    }
    return out;
  }
}
