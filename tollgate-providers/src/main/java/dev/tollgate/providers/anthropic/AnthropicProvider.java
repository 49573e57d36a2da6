package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.prices.PriceTable;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic's Messages API ({@code POST {api_base}/v1/messages}) behind the OpenAI chat format: requests are translated
 * by {@link AnthropicRequests}, replies by {@link AnthropicResponses}, streams by {@link AnthropicStreamDecoder}, errors
 * by {@link AnthropicErrors}. Anthropic has no embeddings endpoint, so {@link #embeddings()} is empty.
 */
public final class AnthropicProvider implements Provider, ChatAdapter {
  public static final String NAME = "anthropic";
  public static final String DEFAULT_API_BASE = "https://api.anthropic.com";
  public static final String API_KEY_ENV = "ANTHROPIC_API_KEY";
  public static final String API_BASE_ENV = "ANTHROPIC_API_BASE";
  /** The {@code anthropic-version} header every request carries (the only version the API has published). */
  public static final String API_VERSION = "2023-06-01";

  private final AnthropicRequests requests;
  private final Clock clock;

  /** The provider with Tollgate's built-in price table (for default {@code max_tokens}) and the system clock. */
  public AnthropicProvider() {
    this(PriceTable.builtIn(), Clock.systemUTC());
  }

  /**
   * @param prices where a model's maximum output tokens come from when a request gives no {@code max_tokens}
   * @param clock the time written as {@code created} in replies and chunks
   */
  public AnthropicProvider(PriceTable prices, Clock clock) {
    this.requests = new AnthropicRequests(prices);
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CallTarget resolve(CallTarget target, Map<String, String> env) {
    CallTarget out = target;
    if (blank(out.apiBase())) {
      String fromEnv = env.get(API_BASE_ENV);
      out = out.withApiBase(blank(fromEnv) ? DEFAULT_API_BASE : fromEnv);
    }
    if (blank(out.apiKey()) && !blank(env.get(API_KEY_ENV))) {
      out = out.withApiKey(env.get(API_KEY_ENV));
    }
    return out;
  }

  @Override
  public ChatAdapter chat() {
    return this;
  }

  @Override
  public Optional<EmbeddingAdapter> embeddings() {
    return Optional.empty();
  }

  @Override
  public HttpCall chatCall(ChatRequest request, CallTarget target) {
    AnthropicRequests.Built built = requests.body(withDeploymentDefaults(request, target), target);
    return HttpCall.postJson(url(target), headers(target, built), Json.write(built.body()), target.timeout());
  }

  /** The Messages API fields a deployment's {@code litellm_params} may set for a passed-through request. */
  private static final java.util.List<String> PASSTHROUGH_DEFAULTS =
      java.util.List.of("max_tokens", "temperature", "top_p", "top_k", "stop_sequences", "thinking");

  /**
   * A request already in Anthropic's Messages format, passed through: the deployment's model replaces the client's,
   * the deployment's parameters fill in fields the request lacks, and the deployment's key, version and headers are
   * used; the client's {@code anthropic-beta} flags are kept. The body's control fields must already be removed. The
   * reply is Anthropic's own, for the caller to relay unchanged.
   *
   * @param body the client's request body; changed in place
   * @param clientBeta the client's {@code anthropic-beta} header, or null
   */
  public HttpCall messagesCall(ObjectNode body, CallTarget target, String clientBeta) {
    body.put("model", target.model());
    for (String name : PASSTHROUGH_DEFAULTS) {
      var value = target.params().get(name);
      if (value != null && (!body.has(name) || body.get(name).isNull())) {
        body.set(name, value);
      }
    }
    java.util.List<String> betas = blank(clientBeta) ? java.util.List.of() : java.util.List.of(clientBeta.strip());
    Map<String, String> headers = headers(target, new AnthropicRequests.Built(null, betas));
    return HttpCall.postJson(url(target), headers, Json.write(body), target.timeout());
  }

  @Override
  public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
    try {
      return AnthropicResponses.toChatResponse(Json.MAPPER.readTree(reply.body()), clock.instant().getEpochSecond());
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProviderException p) {
        throw p;
      }
      throw new InternalServerException(
          "anthropic returned a reply that is not a Messages API message: " + e.getMessage(), NAME, target.model());
    }
  }

  @Override
  public ChatStreamDecoder chatStream(CallTarget target) {
    return new AnthropicStreamDecoder(target.model(), clock);
  }

  /**
   * The stream always ends with a usage chunk (Anthropic always reports usage); a gateway whose client did not ask for
   * it hides it with {@link ChatStreamRelay#hideUsageChunk()}, so this adapter says it honours {@code include_usage}.
   */
  @Override
  public boolean streamsOpenAiUsage() {
    return true;
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return AnthropicErrors.fromReply(reply, target.model());
  }

  /** Deployment-level parameters ({@code litellm_params} such as {@code max_tokens}) fill in what the request lacks. */
  private static ChatRequest withDeploymentDefaults(ChatRequest request, CallTarget target) {
    if (target.params().isEmpty()) {
      return request;
    }
    ObjectNode tree = Json.MAPPER.valueToTree(request);
    target.params().forEach((name, value) -> {
      if (!tree.has(name) || tree.get(name).isNull()) {
        tree.set(name, value);
      }
    });
    return Json.convert(tree, ChatRequest.class);
  }

  /** {@code {api_base}/v1/messages}; a base that already ends in {@code /v1} or {@code /v1/messages} is respected. */
  static String url(CallTarget target) {
    String base = blank(target.apiBase()) ? DEFAULT_API_BASE : target.apiBase().strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.endsWith("/v1/messages")) {
      return base;
    }
    return base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages";
  }

  private static Map<String, String> headers(CallTarget target, AnthropicRequests.Built built) {
    if (blank(target.apiKey())) {
      throw new AuthenticationException(
          "No API key for anthropic: set api_key on the deployment or the " + API_KEY_ENV + " variable",
          NAME, target.model());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-api-key", target.apiKey());
    headers.put("anthropic-version", API_VERSION);
    if (!built.betas().isEmpty()) {
      headers.put("anthropic-beta", String.join(",", built.betas()));
    }
    target.headers().forEach((name, value) -> {
      String key = name.toLowerCase(java.util.Locale.ROOT);
      if (key.equals("anthropic-beta") && headers.containsKey(key)) {
        headers.put(key, value + "," + headers.get(key));
      } else {
        headers.put(key, value); // a deployment's header replaces ours of the same name, whatever its case
      }
    });
    return headers;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
