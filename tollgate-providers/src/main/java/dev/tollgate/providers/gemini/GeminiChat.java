package dev.tollgate.providers.gemini;

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
 * Chat over Gemini's generateContent / streamGenerateContent, for whichever {@link GeminiEndpoint} (AI Studio or
 * Vertex AI) says where to send it.
 */
public final class GeminiChat implements ChatAdapter {
  private final GeminiEndpoint endpoint;

  public GeminiChat(GeminiEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public HttpCall chatCall(ChatRequest request, CallTarget target) {
    byte[] body = Json.write(GeminiRequests.body(request, target));
    String method = request.isStream() ? "streamGenerateContent" : "generateContent";
    return HttpCall.postJson(endpoint.url(target, method), endpoint.headers(target), body, target.timeout());
  }

  @Override
  public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
    return GeminiResponses.parse(reply, target.provider(), target.model());
  }

  @Override
  public ChatStreamDecoder chatStream(CallTarget target) {
    return new GeminiStreamDecoder(target.provider(), target.model());
  }

  /**
   * True: Gemini reports usage in every stream whatever the request says, and the default
   * {@link dev.tollgate.providers.spi.TranslatingStreamRelay} can hide the
   * usage chunk, so a gateway may treat this provider as one that honours {@code stream_options.include_usage}.
   */
  @Override
  public boolean streamsOpenAiUsage() {
    return true;
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return GeminiErrors.fromReply(reply, target.provider(), target.model());
  }
}
