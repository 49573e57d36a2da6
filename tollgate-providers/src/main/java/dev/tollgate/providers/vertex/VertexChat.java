package dev.tollgate.providers.vertex;

import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.gemini.GeminiChat;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import java.util.Locale;

/** Vertex AI chat: Claude models ({@code claude-...}) speak Anthropic's format, every other model Gemini's. */
final class VertexChat implements ChatAdapter {
  private final GeminiChat gemini = new GeminiChat(new VertexGeminiEndpoint());
  private final VertexAnthropicChat claude;

  VertexChat(VertexAnthropicChat claude) {
    this.claude = claude;
  }

  static boolean isClaude(String model) {
    return model != null && model.toLowerCase(Locale.ROOT).startsWith("claude");
  }

  private ChatAdapter of(CallTarget target) {
    return isClaude(target.model()) ? claude : gemini;
  }

  @Override
  public HttpCall chatCall(ChatRequest request, CallTarget target) {
    return of(target).chatCall(request, target);
  }

  @Override
  public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
    return of(target).chatResponse(reply, target);
  }

  @Override
  public ChatStreamDecoder chatStream(CallTarget target) {
    return of(target).chatStream(target);
  }

  @Override
  public ChatStreamRelay chatStreamRelay(CallTarget target) {
    return of(target).chatStreamRelay(target);
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return of(target).error(reply, target);
  }

  /**
   * True, as both Gemini's and the anthropic adapter's: either stream always ends with a usage chunk that the relay
   * hides on request ({@code hideUsageChunk}). This takes no target, so both halves must agree.
   */
  @Override
  public boolean streamsOpenAiUsage() {
    return gemini.streamsOpenAiUsage();
  }
}
