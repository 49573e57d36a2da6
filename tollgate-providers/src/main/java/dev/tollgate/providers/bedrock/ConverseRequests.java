package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.util.Map;

/**
 * An OpenAI chat request to the body of Converse / ConverseStream. The deployment's parameters act as defaults for
 * fields the request leaves unset; the model id travels in the URL, not the body.
 */
final class ConverseRequests {
  private ConverseRequests() {}

  static ObjectNode body(ChatRequest request, CallTarget target, String modelId) {
    ChatRequest withDefaults = withDefaults(request, target.params());
    if (withDefaults.messages() == null || withDefaults.messages().isEmpty()) {
      throw new BadRequestException("messages must not be empty", BedrockSettings.PROVIDER, modelId);
    }
    ObjectNode body = Json.object();
    new ConverseMessages(modelId, target.dropParams()).translate(withDefaults.messages(), body);
    ConverseTools.translate(withDefaults, body, modelId);
    ConverseParams.translate(withDefaults, body, modelId, target.dropParams());
    return body;
  }

  private static ChatRequest withDefaults(ChatRequest request, Map<String, JsonNode> params) {
    if (params.isEmpty()) {
      return request;
    }
    ObjectNode tree = Json.MAPPER.valueToTree(request);
    params.forEach((name, value) -> {
      if (!tree.has(name) || tree.get(name).isNull()) {
        tree.set(name, value);
      }
    });
    return Json.convert(tree, ChatRequest.class);
  }
}
