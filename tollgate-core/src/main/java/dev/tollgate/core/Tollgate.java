package dev.tollgate.core;

import dev.tollgate.core.cost.Cost;
import dev.tollgate.core.stream.ChunkStream;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One-line access to every provider, as LiteLLM's {@code litellm.completion}: {@code Tollgate.completion(request)}.
 * Uses one shared {@link TollgateClient} with the process environment; build your own client to change that.
 */
public final class Tollgate {
  private static final class Holder {
    static final TollgateClient CLIENT = new TollgateClient();
  }

  private Tollgate() {}

  public static TollgateClient client() {
    return Holder.CLIENT;
  }

  public static ChatResponse completion(ChatRequest request) {
    return client().completion(request);
  }

  public static ChatResponse completion(ChatRequest request, CallOptions options) {
    return client().completion(request, options);
  }

  public static CompletableFuture<ChatResponse> completionAsync(ChatRequest request) {
    return client().completionAsync(request, CallOptions.DEFAULTS);
  }

  public static CompletableFuture<ChatResponse> completionAsync(ChatRequest request, CallOptions options) {
    return client().completionAsync(request, options);
  }

  public static ChunkStream stream(ChatRequest request) {
    return client().stream(request);
  }

  public static ChunkStream stream(ChatRequest request, CallOptions options) {
    return client().stream(request, options);
  }

  public static CompletableFuture<ChunkStream> streamAsync(ChatRequest request, CallOptions options) {
    return client().streamAsync(request, options);
  }

  public static EmbeddingResponse embedding(EmbeddingRequest request) {
    return client().embedding(request);
  }

  public static EmbeddingResponse embedding(EmbeddingRequest request, CallOptions options) {
    return client().embedding(request, options);
  }

  public static CompletableFuture<EmbeddingResponse> embeddingAsync(EmbeddingRequest request, CallOptions options) {
    return client().embeddingAsync(request, options);
  }

  /**
   * The USD cost of a reply from its model and usage, as LiteLLM's {@code completion_cost}; empty when the model has
   * no price or the reply no usage. See {@link TollgateClient#completionCost(ChatResponse)}.
   */
  public static Optional<Cost> completionCost(ChatResponse response) {
    return client().completionCost(response);
  }
}
