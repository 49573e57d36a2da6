package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;

/**
 * Chat through Cohere's {@code /v2/chat}. Translates from the OpenAI body tree (so a gateway's parsed body is never
 * bound to records first). The stream decoder always ends with a usage chunk; the relay hides it from clients that
 * did not ask ({@link #streamsOpenAiUsage()} is true for that reason: the gateway may ask on their behalf).
 */
final class CohereChatAdapter implements ChatAdapter {

  @Override
  public HttpCall chatCall(ChatRequest request, CallTarget target) {
    return chatCall((ObjectNode) Json.MAPPER.valueToTree(request), target);
  }

  @Override
  public HttpCall chatCall(ObjectNode body, CallTarget target) {
    ObjectNode cohere = CohereChatBody.build(body, target);
    return CohereEndpoint.post(CohereEndpoint.CHAT, Json.write(cohere), target, cohere.path("stream").asBoolean());
  }

  @Override
  public boolean takesOpenAiTree() {
    return true;
  }

  @Override
  public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
    return CohereChatReply.toOpenAi(parse(reply, target), target.model());
  }

  @Override
  public ChatStreamDecoder chatStream(CallTarget target) {
    return new CohereStreamDecoder(target.model());
  }

  @Override
  public boolean streamsOpenAiUsage() {
    return true;
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return CohereErrors.fromReply(reply, target.model());
  }

  static JsonNode parse(HttpReply reply, CallTarget target) {
    try {
      JsonNode node = Json.MAPPER.readTree(reply.body());
      if (node == null || !node.isObject()) {
        throw new java.io.IOException("not a JSON object");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new InternalServerException("cohere returned a reply that is not a JSON object", CohereProvider.NAME,
          target.model());
    }
  }
}
