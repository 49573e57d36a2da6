package dev.tollgate.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Claude models on Vertex AI ({@code vertex_ai/claude-...}): the Anthropic Messages API behind
 * {@code publishers/anthropic/models/{model}:rawPredict} ({@code :streamRawPredict} for streams). The translation is
 * the {@code anthropic} provider's own: this adapter asks it for the Messages body, then removes {@code model} (the
 * path names it), adds {@code "anthropic_version": "vertex-2023-10-16"} and sends it to Vertex with the bearer token
 * instead of Anthropic's key and version headers; replies, streams and errors are Anthropic's and go back to the
 * anthropic adapter unchanged.
 *
 * <p>The anthropic provider is found by name in the registry ({@link dev.tollgate.providers.ProviderRegistry
 * #withDefaults()} passes a lookup), so a registry without it answers Claude models on Vertex with a 400 saying so.
 */
final class VertexAnthropicChat implements ChatAdapter {
  static final String VERSION = "vertex-2023-10-16";
  /** Anthropic request headers that still apply on Vertex (feature flags); the key and version headers do not. */
  private static final String BETA_HEADER = "anthropic-beta";
  private final Supplier<Optional<Provider>> anthropic;

  VertexAnthropicChat(Supplier<Optional<Provider>> anthropic) {
    this.anthropic = anthropic;
  }

  @Override
  public HttpCall chatCall(ChatRequest request, CallTarget target) {
    Provider messages = anthropic(target);
    // the Anthropic adapter builds the body; its URL and auth headers are replaced below
    CallTarget asAnthropic = messages.resolve(
        new CallTarget("anthropic", target.model(), "https://api.anthropic.com", target.apiKey(), null,
            target.timeout(), Map.of(), target.params(), target.dropParams()), Map.of());
    HttpCall anthropicCall = messages.chat().chatCall(request, asAnthropic);
    JsonNode parsed = Json.tree(anthropicCall.body());
    if (!(parsed instanceof ObjectNode body)) {
      throw new IllegalStateException("the anthropic adapter built a body that is not a JSON object");
    }
    body.remove("model");
    body.put("anthropic_version", VERSION);
    Map<String, String> headers = new LinkedHashMap<>(VertexAuth.headers(target));
    anthropicCall.headers().forEach((name, value) -> {
      if (BETA_HEADER.equalsIgnoreCase(name)) {
        headers.putIfAbsent(BETA_HEADER, value);
      }
    });
    String method = request.isStream() ? "streamRawPredict" : "rawPredict";
    return HttpCall.postJson(VertexLocation.url(target, "anthropic", method), headers, Json.write(body),
        target.timeout());
  }

  @Override
  public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
    return anthropic(target).chat().chatResponse(reply, target);
  }

  @Override
  public ChatStreamDecoder chatStream(CallTarget target) {
    return anthropic(target).chat().chatStream(target);
  }

  @Override
  public ChatStreamRelay chatStreamRelay(CallTarget target) {
    return anthropic(target).chat().chatStreamRelay(target);
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return anthropic(target).chat().error(reply, target);
  }

  private Provider anthropic(CallTarget target) {
    return anthropic.get().orElseThrow(() -> new BadRequestException(
        "vertex_ai/" + target.model() + " is an Anthropic model, and this build has no anthropic adapter to "
            + "translate it", target.provider(), target.model()));
  }
}
