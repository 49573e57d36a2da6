package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Ids;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Bedrock Runtime ({@code bedrock/<model id>}): chat through Converse and ConverseStream, embeddings through
 * InvokeModel (Titan, Cohere). Requests are signed here with SigV4 (or carry a Bedrock API key); see
 * {@link BedrockSettings} for where endpoint, region and credentials come from. The clock is injected so that
 * signatures and timestamps are reproducible in tests.
 */
public final class BedrockProvider implements Provider, ChatAdapter, EmbeddingAdapter {
  /** LiteLLM's explicit route prefix, {@code bedrock/converse/<model>}: the same calls. */
  private static final String CONVERSE_ROUTE = "converse/";
  private static final Map<String, String> JSON = Map.of("content-type", "application/json");
  private final Clock clock;
  private final BedrockSigner signer;

  public BedrockProvider() {
    this(Clock.systemUTC());
  }

  public BedrockProvider(Clock clock) {
    this.clock = clock;
    this.signer = new BedrockSigner(clock);
  }

  @Override
  public String name() {
    return BedrockSettings.PROVIDER;
  }

  @Override
  public CallTarget resolve(CallTarget target, Map<String, String> env) {
    return BedrockSettings.resolve(target, env);
  }

  @Override
  public ChatAdapter chat() {
    return this;
  }

  @Override
  public Optional<EmbeddingAdapter> embeddings() {
    return Optional.of(this);
  }

  @Override
  public HttpCall chatCall(ChatRequest request, CallTarget target) {
    String modelId = modelId(target);
    BedrockSettings settings = BedrockSettings.of(target);
    byte[] body = Json.write(ConverseRequests.body(request, target, modelId));
    String operation = request.isStream() ? "converse-stream" : "converse";
    return signer.post(settings, settings.url(modelId, operation), headers(target), body, target.timeout());
  }

  @Override
  public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
    JsonNode json = parse(reply, target);
    String requestId = reply.header("x-amzn-requestid");
    String id = "chatcmpl-" + (requestId == null || requestId.isBlank() ? Ids.uuid() : requestId);
    return ConverseResponses.chat(json, id, clock.instant().getEpochSecond(), target.model());
  }

  @Override
  public ChatStreamDecoder chatStream(CallTarget target) {
    return new ConverseStreamDecoder("chatcmpl-" + Ids.uuid(), clock.instant().getEpochSecond(), target.model());
  }

  /** Bedrock always reports usage at the end of a stream; the relay hides it from clients that did not ask. */
  @Override
  public boolean streamsOpenAiUsage() {
    return true;
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return BedrockErrors.fromReply(reply, target.model());
  }

  @Override
  public HttpCall embeddingCall(EmbeddingRequest request, CallTarget target) {
    String modelId = modelId(target);
    BedrockSettings settings = BedrockSettings.of(target);
    byte[] body = Json.write(BedrockEmbeddings.body(request, target, modelId));
    Map<String, String> headers = new java.util.LinkedHashMap<>(headers(target));
    headers.put("accept", "application/json");
    return signer.post(settings, settings.url(modelId, "invoke"), headers, body, target.timeout());
  }

  /**
   * Vectors are returned as floats: the reply parser does not see the request, and Bedrock's reply does not say which
   * encoding the client asked for (OpenAI's SDKs accept floats either way).
   */
  @Override
  public EmbeddingResponse embeddingResponse(HttpReply reply, CallTarget target) {
    return BedrockEmbeddings.response(reply, parse(reply, target), target.model());
  }

  /** The target's model without LiteLLM's {@code converse/} route prefix. */
  static String modelId(CallTarget target) {
    String model = target.model();
    return model != null && model.startsWith(CONVERSE_ROUTE) ? model.substring(CONVERSE_ROUTE.length()) : model;
  }

  private static Map<String, String> headers(CallTarget target) {
    Map<String, String> headers = new java.util.LinkedHashMap<>(JSON);
    headers.putAll(target.headers());
    return headers;
  }

  private JsonNode parse(HttpReply reply, CallTarget target) {
    try {
      JsonNode json = Json.MAPPER.readTree(reply.body());
      if (json != null && json.isObject()) {
        return json;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new InternalServerException("bedrock returned a reply that is not a JSON object", BedrockSettings.PROVIDER,
        target.model());
  }
}
