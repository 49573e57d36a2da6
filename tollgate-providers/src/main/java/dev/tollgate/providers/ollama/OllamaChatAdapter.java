package dev.tollgate.providers.ollama;

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
 * Chat through Ollama's {@code /api/chat}, translated from the OpenAI body tree. The stream decoder always ends with a
 * usage chunk, which the relay hides from clients that did not ask ({@link #streamsOpenAiUsage()} lets the gateway
 * ask on their behalf).
 */
final class OllamaChatAdapter implements ChatAdapter {
  private final String provider;

  OllamaChatAdapter(String provider) {
    this.provider = provider;
  }

  @Override
  public HttpCall chatCall(ChatRequest request, CallTarget target) {
    return chatCall((ObjectNode) Json.MAPPER.valueToTree(request), target);
  }

  @Override
  public HttpCall chatCall(ObjectNode body, CallTarget target) {
    return OllamaEndpoint.post(OllamaEndpoint.CHAT, Json.write(OllamaChatBody.build(body, target)), target);
  }

  @Override
  public boolean takesOpenAiTree() {
    return true;
  }

  @Override
  public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
    return OllamaChatReply.toOpenAi(parse(reply, provider, target), target.model());
  }

  @Override
  public ChatStreamDecoder chatStream(CallTarget target) {
    return new OllamaStreamDecoder(provider, target.model());
  }

  @Override
  public boolean streamsOpenAiUsage() {
    return true;
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return OllamaErrors.fromReply(reply, provider, target.model());
  }

  static JsonNode parse(HttpReply reply, String provider, CallTarget target) {
    try {
      JsonNode node = Json.MAPPER.readTree(reply.body());
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (java.io.IOException notJson) {
      // reported below
    }
    throw new InternalServerException(provider + " returned a reply that is not a JSON object", provider,
        target.model());
  }
}
