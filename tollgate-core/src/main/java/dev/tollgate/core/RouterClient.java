package dev.tollgate.core;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.DeploymentRouting;
import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouteTrace;
import dev.tollgate.core.router.Routed;
import dev.tollgate.core.router.Router;
import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.router.Scheduler;
import dev.tollgate.core.stream.ChunkStream;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * LiteLLM's {@code Router} for SDK users: a list of deployments (public model name, LiteLLM model string, credentials
 * and routing settings) and {@link RouterOptions}; then {@code completion(request)} with {@code request.model()} a
 * model group (or alias, or a name a wildcard group matches) is routed with retries, cooldowns and fallbacks, each
 * attempt sent through a {@link TollgateClient}'s transport. Per-request controls ({@code num_retries},
 * {@code timeout}, {@code fallbacks}, {@code disable_fallbacks}, ...) are read from the request's extra fields.
 *
 * <p>Streams are retried and fall back until one opens (the upstream answered 2xx); an error after that reaches the
 * caller as the stream's own. Close every stream (or read it to its end): that ends its hold on the deployment.
 *
 * <p>Thread-safe; share one instance. Waits between retries run on {@link Scheduler#daemon()}; no thread blocks
 * except the caller of the blocking methods.
 */
public final class RouterClient {
  private final TollgateClient client;
  private final Router router;
  private final DeploymentTargets targets;

  /** A router over {@code deployments} using the shared {@link Tollgate#client()}. */
  public RouterClient(List<Deployment> deployments, RouterOptions options) {
    this(Tollgate.client(), deployments, options);
  }

  /** A router with in-memory state over {@code deployments}, sending through {@code client}. */
  public RouterClient(TollgateClient client, List<Deployment> deployments, RouterOptions options) {
    this(client, new Router(deployments, options, new InMemoryRouterState(), Scheduler.daemon()));
  }

  /** Sends {@code router}'s attempts through {@code client} (e.g. a router with shared Redis state). */
  public RouterClient(TollgateClient client, Router router) {
    this.client = client;
    this.router = router;
    this.targets = client.deploymentTargets();
  }

  /**
   * A deployment as one {@code model_list} entry: {@code model_name}, {@code litellm_params.model} (e.g.
   * {@code openai/gpt-4o}, {@code groq/*}), and optional {@code api_key} / {@code api_base} (null: the provider's
   * environment variables). Its id is derived from these four, so the same entry gets the same id in every process.
   */
  public static Deployment deployment(String modelName, String litellmModel, String apiKey, String apiBase) {
    return deployment(modelName, litellmModel, apiKey, apiBase, DeploymentRouting.NONE);
  }

  /** As {@link #deployment(String, String, String, String)} with routing settings (rpm, timeouts, retries, ...). */
  public static Deployment deployment(
      String modelName, String litellmModel, String apiKey, String apiBase, DeploymentRouting routing) {
    String identity = modelName + "\n" + litellmModel + "\n" + apiBase + "\n" + apiKey;
    String id = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    CallTarget template = new CallTarget(null, null, apiBase, apiKey, null, null, null, null, false);
    return new Deployment(modelName, id, litellmModel, null, template, null, null, routing);
  }

  public Router router() {
    return router;
  }

  public ChatResponse completion(ChatRequest request) {
    return await(completionAsync(request));
  }

  public CompletableFuture<ChatResponse> completionAsync(ChatRequest request) {
    RouteRequest route = RouteControls.of(request.model(), request.extra(), false, new RouteTrace());
    return router.<ChatResponse>route(route, (pick, info) -> {
      ResolvedTarget target;
      try {
        target = targets.resolve(pick).withTimeout(info.timeout());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return client.completionAsync(target, request);
    }).thenApply(routed -> {
      finish(routed, routed.value().usage());
      return routed.value();
    });
  }

  /** Streams a completion, routed until a stream opens; close the stream to stop early. */
  public ChunkStream stream(ChatRequest request) {
    return await(streamAsync(request));
  }

  public CompletableFuture<ChunkStream> streamAsync(ChatRequest request) {
    RouteRequest route = RouteControls.of(request.model(), request.extra(), true, new RouteTrace());
    return router.<ChunkStream>route(route, (pick, info) -> {
      ResolvedTarget target;
      try {
        target = targets.resolve(pick).withTimeout(info.timeout());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return client.openStreamAsync(target, request);
    }).thenApply(routed -> routed.value().onEnd((complete, usage) -> {
      if (complete) {
        finish(routed, usage);
      } else {
        routed.lease().abandon();
      }
    }));
  }

  public EmbeddingResponse embedding(EmbeddingRequest request) {
    return await(embeddingAsync(request));
  }

  public CompletableFuture<EmbeddingResponse> embeddingAsync(EmbeddingRequest request) {
    RouteRequest route = RouteControls.of(request.model(), request.extra(), false, new RouteTrace());
    return router.<EmbeddingResponse>route(route, (pick, info) -> {
      ResolvedTarget target;
      try {
        target = targets.resolve(pick).withTimeout(info.timeout());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return client.embeddingAsync(target, request);
    }).thenApply(routed -> {
      finish(routed, routed.value().usage());
      return routed.value();
    });
  }

  private static void finish(Routed<?> routed, Usage usage) {
    long completion = usage == null || usage.completionTokens() == null ? 0 : usage.completionTokens();
    long total = usage == null || usage.totalTokens() == null ? completion : usage.totalTokens();
    routed.lease().finish(completion, total);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
