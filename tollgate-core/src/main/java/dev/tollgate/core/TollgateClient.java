package dev.tollgate.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.auth.AccessTokens;
import dev.tollgate.core.cost.Cost;
import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.core.stream.ChunkStream;
import dev.tollgate.core.transport.JdkHttpTransport;
import dev.tollgate.core.transport.StreamingReply;
import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.ModelRef;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.prices.ModelPrice;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK: call any provider with OpenAI-format requests. Model strings are {@code provider/model}; credentials come
 * from {@link CallOptions} or the provider's environment variables. Thread-safe; share one instance.
 */
public final class TollgateClient {
  private final ProviderRegistry registry;
  private final JdkHttpTransport transport;
  private final Map<String, String> env;
  private final CostCalculator costs;
  private final AccessTokens tokens;

  public TollgateClient() {
    this(ProviderRegistry.defaults(), new JdkHttpTransport(), System.getenv());
  }

  public TollgateClient(ProviderRegistry registry, JdkHttpTransport transport, Map<String, String> env) {
    this(registry, transport, env, null);
  }

  /** As the three-argument constructor, pricing calls with {@code costs} (null: the built-in price table). */
  public TollgateClient(
      ProviderRegistry registry, JdkHttpTransport transport, Map<String, String> env, CostCalculator costs) {
    this(registry, transport, env, costs, AccessTokens.google());
  }

  /**
   * As the four-argument constructor, getting the bearer tokens of providers that need them (Vertex AI) from
   * {@code tokens}; fetches run on a daemon thread, never on the caller's (see {@link TokenFetchThreads}).
   */
  public TollgateClient(ProviderRegistry registry, JdkHttpTransport transport, Map<String, String> env,
      CostCalculator costs, AccessTokens tokens) {
    this.registry = registry;
    this.transport = transport;
    this.env = Map.copyOf(env);
    this.costs = costs;
    this.tokens = tokens;
  }

  /** The calculator {@link #completionCost} uses. */
  public CostCalculator costCalculator() {
    return costs != null ? costs : CostCalculator.builtIn();
  }

  /**
   * The cost of a reply, as LiteLLM's {@code completion_cost(completion_response=...)}: the reply's {@code model} and
   * {@code usage} are priced. A model with a provider prefix ({@code groq/llama-3.1-8b-instant}) is looked up for
   * that provider; a bare model ({@code gpt-4o-2024-08-06}, as providers return it) by its key. Empty when the model
   * has no price or the reply has no usage (estimate one with {@link CostCalculator#usageFor}).
   */
  public Optional<Cost> completionCost(ChatResponse response) {
    String model = response.model();
    if (model != null) {
      int slash = model.indexOf('/');
      if (slash > 0) {
        String prefix = model.substring(0, slash);
        if (registry.has(prefix) || costCalculator().prices().providers().contains(prefix)) {
          return completionCost(prefix, response);
        }
      }
    }
    return completionCost(null, response);
  }

  /** The cost of a reply from {@code provider} (null: look the model up by key alone). */
  public Optional<Cost> completionCost(String provider, ChatResponse response) {
    return completionCost(provider, response, null);
  }

  /** As {@link #completionCost(String, ChatResponse)} with a deployment's own prices laid over the table's. */
  public Optional<Cost> completionCost(String provider, ChatResponse response, ModelPrice override) {
    if (response.model() == null || response.usage() == null) {
      return Optional.empty();
    }
    return costCalculator().cost(provider, response.model(), response.usage(), override);
  }

  public ChatResponse completion(ChatRequest request) {
    return completion(request, CallOptions.DEFAULTS);
  }

  public ChatResponse completion(ChatRequest request, CallOptions options) {
    ResolvedTarget resolved = resolve(request.model(), request.extra(), options);
    if (resolved.isMock() || request.extra().containsKey("mock_response")) {
      return MockResponder.chat(request);
    }
    ResolvedTarget r = authorized(resolved);
    ChatAdapter adapter = r.provider().chat();
    HttpCall call = adapter.chatCall(forUpstream(request, false), r.target());
    HttpReply reply = transport.send(call, r.provider().name(), r.target().model());
    if (!reply.isSuccess()) {
      forgetRejectedToken(r, reply.status());
      throw adapter.error(reply, r.target());
    }
    return adapter.chatResponse(reply, r.target());
  }

  public CompletableFuture<ChatResponse> completionAsync(ChatRequest request, CallOptions options) {
    ResolvedTarget r;
    try {
      r = resolve(request.model(), request.extra(), options);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return completionAsync(r, request);
  }

  /** A completion sent to an already resolved target (the router's pick); never throws, the future fails instead. */
  CompletableFuture<ChatResponse> completionAsync(ResolvedTarget resolved, ChatRequest request) {
    return authorizedAsync(resolved).thenCompose(r -> completionAuthorized(r, request));
  }

  private CompletableFuture<ChatResponse> completionAuthorized(ResolvedTarget r, ChatRequest request) {
    ChatRequest withMock = withDeploymentMock(request, r);
    if (r.isMock() || withMock.extra().containsKey("mock_response")) {
      try {
        return CompletableFuture.completedFuture(MockResponder.chat(withMock));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    ChatAdapter adapter = r.provider().chat();
    HttpCall call;
    try {
      call = adapter.chatCall(forUpstream(request, false), r.target());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return transport.sendAsync(call, r.provider().name(), r.target().model()).thenApply(reply -> {
      if (!reply.isSuccess()) {
        forgetRejectedToken(r, reply.status());
        throw adapter.error(reply, r.target());
      }
      return adapter.chatResponse(reply, r.target());
    });
  }

  /**
   * Opens a stream to an already resolved target; completes when the upstream answered 2xx (fails with the mapped
   * error otherwise). Never blocks.
   */
  CompletableFuture<ChunkStream> openStreamAsync(ResolvedTarget resolved, ChatRequest request) {
    return authorizedAsync(resolved).thenCompose(r -> openStreamAuthorized(r, request));
  }

  private CompletableFuture<ChunkStream> openStreamAuthorized(ResolvedTarget r, ChatRequest request) {
    ChatRequest withMock = withDeploymentMock(request, r);
    if (r.isMock() || withMock.extra().containsKey("mock_response")) {
      try {
        return CompletableFuture.completedFuture(ChunkStream.of(MockResponder.stream(withMock)));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    ChatAdapter adapter = r.provider().chat();
    HttpCall call;
    try {
      call = adapter.chatCall(forUpstream(request, true), r.target());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return transport.openStreamAsync(call, r.provider().name(), r.target().model()).thenApply(reply -> {
      if (reply.status() < 200 || reply.status() >= 300) {
        forgetRejectedToken(r, reply.status());
        throw adapter.error(new HttpReply(reply.status(), reply.headers(), readAll(reply.body())), r.target());
      }
      return new ChunkStream(reply.body(), adapter.chatStream(r.target()), r.provider().name(), r.target().model());
    });
  }

  /** Embeddings from an already resolved target; never throws, the future fails instead. */
  CompletableFuture<EmbeddingResponse> embeddingAsync(ResolvedTarget resolved, EmbeddingRequest request) {
    return authorizedAsync(resolved).thenCompose(r -> embeddingAuthorized(r, request));
  }

  private CompletableFuture<EmbeddingResponse> embeddingAuthorized(ResolvedTarget r, EmbeddingRequest request) {
    if (r.isMock() || request.extra().containsKey("mock_response")) {
      try {
        return CompletableFuture.completedFuture(MockResponder.embedding(request));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    EmbeddingAdapter adapter;
    HttpCall call;
    try {
      adapter = r.provider().embeddings().orElseThrow(() -> new BadRequestException(
          r.provider().name() + " has no embeddings endpoint in Tollgate", r.provider().name(), r.target().model()));
      call = adapter.embeddingCall(ControlParams.strip(request), r.target());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return transport.sendAsync(call, r.provider().name(), r.target().model()).thenApply(reply -> {
      if (!reply.isSuccess()) {
        forgetRejectedToken(r, reply.status());
        throw adapter.error(reply, r.target());
      }
      return adapter.embeddingResponse(reply, r.target());
    });
  }

  /** The resolver of deployments for routers built on this client (same providers and environment). */
  DeploymentTargets deploymentTargets() {
    return new DeploymentTargets(registry, env);
  }

  /** A deployment's {@code mock_response} param, when set, as if the request carried it. */
  private static ChatRequest withDeploymentMock(ChatRequest request, ResolvedTarget r) {
    JsonNode mock = r.target().params().get("mock_response");
    if (mock == null || request.extra().containsKey("mock_response")) {
      return request;
    }
    return request.toBuilder().extra("mock_response", mock).build();
  }

  /** Streams a completion; close the returned stream to stop early (this cancels the HTTP call). */
  public ChunkStream stream(ChatRequest request) {
    return stream(request, CallOptions.DEFAULTS);
  }

  public ChunkStream stream(ChatRequest request, CallOptions options) {
    ResolvedTarget resolved = resolve(request.model(), request.extra(), options);
    if (resolved.isMock() || request.extra().containsKey("mock_response")) {
      return ChunkStream.of(MockResponder.stream(request));
    }
    ResolvedTarget r = authorized(resolved);
    ChatAdapter adapter = r.provider().chat();
    HttpCall call = adapter.chatCall(forUpstream(request, true), r.target());
    StreamingReply reply = transport.openStream(call, r.provider().name(), r.target().model());
    if (reply.status() < 200 || reply.status() >= 300) {
      forgetRejectedToken(r, reply.status());
      throw adapter.error(new HttpReply(reply.status(), reply.headers(), readAll(reply.body())), r.target());
    }
    return new ChunkStream(reply.body(), adapter.chatStream(r.target()), r.provider().name(), r.target().model());
  }

  public CompletableFuture<ChunkStream> streamAsync(ChatRequest request, CallOptions options) {
    return CompletableFuture.supplyAsync(() -> stream(request, options));
  }

  public EmbeddingResponse embedding(EmbeddingRequest request) {
    return embedding(request, CallOptions.DEFAULTS);
  }

  public EmbeddingResponse embedding(EmbeddingRequest request, CallOptions options) {
    ResolvedTarget resolved = resolve(request.model(), request.extra(), options);
    if (resolved.isMock() || request.extra().containsKey("mock_response")) {
      return MockResponder.embedding(request);
    }
    ResolvedTarget r = authorized(resolved);
    EmbeddingAdapter adapter = r.provider().embeddings().orElseThrow(() -> new BadRequestException(
        r.provider().name() + " has no embeddings endpoint in Tollgate", r.provider().name(), r.target().model()));
    HttpCall call = adapter.embeddingCall(ControlParams.strip(request), r.target());
    HttpReply reply = transport.send(call, r.provider().name(), r.target().model());
    if (!reply.isSuccess()) {
      forgetRejectedToken(r, reply.status());
      throw adapter.error(reply, r.target());
    }
    return adapter.embeddingResponse(reply, r.target());
  }

  public CompletableFuture<EmbeddingResponse> embeddingAsync(EmbeddingRequest request, CallOptions options) {
    return CompletableFuture.supplyAsync(() -> embedding(request, options));
  }

  /** The target with the bearer token its provider needs, fetched (or taken from the cache) on this thread. */
  private ResolvedTarget authorized(ResolvedTarget r) {
    if (r.isMock()) {
      return r;
    }
    return r.provider().accessToken(r.target())
        .map(need -> withToken(r, tokens.get(need).value()))
        .orElse(r);
  }

  /** As {@link #authorized}, fetching off the caller's thread; never throws, the future fails instead. */
  private CompletableFuture<ResolvedTarget> authorizedAsync(ResolvedTarget r) {
    try {
      if (r.isMock() || r.target().params().containsKey("mock_response")) {
        return CompletableFuture.completedFuture(r);
      }
      var need = r.provider().accessToken(r.target());
      if (need.isEmpty()) {
        return CompletableFuture.completedFuture(r);
      }
      return tokens.getAsync(need.get(), TokenFetchThreads.EXECUTOR).thenApply(t -> withToken(r, t.value()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A 401 means the provider no longer takes the cached token: the next call fetches a new one. */
  private void forgetRejectedToken(ResolvedTarget r, int status) {
    if (status == 401 && !r.isMock()) {
      r.provider().accessToken(r.target().withApiKey(null)).ifPresent(tokens::invalidate);
    }
  }

  private static ResolvedTarget withToken(ResolvedTarget r, String token) {
    return new ResolvedTarget(r.deployment(), r.provider(), r.target().withApiKey(token));
  }

  private static ChatRequest forUpstream(ChatRequest request, boolean stream) {
    ChatRequest stripped = ControlParams.strip(request);
    if (stream != stripped.isStream()) {
      stripped = stripped.toBuilder().stream(stream ? Boolean.TRUE : null).build();
    }
    return stripped;
  }

  private ResolvedTarget resolve(String modelString, Map<String, JsonNode> extra, CallOptions options) {
    if (modelString == null || modelString.isBlank()) {
      throw new BadRequestException("model is required, e.g. \"openai/gpt-4o\"", null, null);
    }
    ModelRef ref = ModelRef.parse(modelString, registry);
    if (MockResponder.PROVIDER.equals(ref.provider())) {
      return new ResolvedTarget(null, null, CallTarget.of(ref.provider(), ref.model()));
    }
    Provider provider = registry.find(ref.provider()).orElseThrow(() -> new NotFoundException(
        "unknown provider '" + ref.provider() + "'", ref.provider(), ref.model()));
    CallTarget target = new CallTarget(
        ref.provider(),
        ref.model(),
        firstNonBlank(options.apiBase(), text(extra, "api_base")),
        firstNonBlank(options.apiKey(), text(extra, "api_key")),
        firstNonBlank(options.apiVersion(), text(extra, "api_version")),
        options.timeout() != null ? options.timeout() : seconds(extra.get("timeout")),
        options.headers(),
        Map.of(),
        Boolean.TRUE.equals(options.dropParams()) || (extra.containsKey("drop_params")
            && extra.get("drop_params").asBoolean(false)),
        adapterSettings(extra));
    return new ResolvedTarget(null, provider, provider.resolve(target, env));
  }

  /** Request fields that configure the adapter, as LiteLLM's {@code completion(..., vertex_project=...)}. */
  private static Map<String, JsonNode> adapterSettings(Map<String, JsonNode> extra) {
    Map<String, JsonNode> settings = new java.util.LinkedHashMap<>();
    for (String name : ControlParams.ADAPTER_SETTINGS) {
      JsonNode value = extra.get(name);
      if (value != null && !value.isNull()) {
        settings.put(name, value);
      }
    }
    return settings;
  }

  private static String text(Map<String, JsonNode> extra, String field) {
    JsonNode node = extra.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Duration seconds(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    return Duration.ofMillis((long) (node.asDouble() * 1000));
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

}
