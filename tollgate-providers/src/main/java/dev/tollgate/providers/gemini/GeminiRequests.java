package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.util.Map;

/**
 * Builds a Gemini {@code GenerateContentRequest} body from an OpenAI chat request: contents and system instruction,
 * tools, generation config, and the Gemini-specific extensions {@code safety_settings} and {@code cached_content}.
 * Deployment params act as defaults for fields the request leaves out. The same body serves AI Studio and Vertex AI.
 */
public final class GeminiRequests {
  private GeminiRequests() {}

  /** The request body for {@code target}; {@code provider} names the provider in errors. */
  public static ObjectNode body(ChatRequest request, CallTarget target) {
    ChatRequest effective = withDefaults(request, target.params());
    String provider = target.provider();
    String model = target.model();
    ObjectNode body = Json.object();
    new GeminiContents(provider, model).write(effective.messages(), body);
    new GeminiTools(provider, model).write(effective.tools(), effective.toolChoice(), body);
    copy(effective.extra(), "safety_settings", "safetySettings", body);
    copy(effective.extra(), "cached_content", "cachedContent", body);
    new GeminiGenerationConfig(provider, model).write(effective, target.dropParams(), body);
    return body;
  }

  private static void copy(Map<String, JsonNode> extra, String openAiName, String geminiName, ObjectNode body) {
    JsonNode value = extra.containsKey(openAiName) ? extra.get(openAiName) : extra.get(geminiName);
    if (value != null && !value.isNull()) {
      body.set(geminiName, value);
    }
  }

  private static ChatRequest withDefaults(ChatRequest request, Map<String, JsonNode> params) {
    if (params.isEmpty()) {
      return request;
    }
    ObjectNode tree = Json.MAPPER.valueToTree(request);
    boolean changed = false;
    for (Map.Entry<String, JsonNode> param : params.entrySet()) {
      if (!tree.has(param.getKey()) && !"mock_response".equals(param.getKey())) {
        tree.set(param.getKey(), param.getValue());
        changed = true;
      }
    }
    return changed ? Json.convert(tree, ChatRequest.class) : request;
  }
}
