package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.cache.CachePlan;
import dev.tollgate.gateway.cache.CachedResponse;
import dev.tollgate.gateway.cache.ResponseCache;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.calls.UsageScanner;
import dev.tollgate.providers.anthropic.inbound.MessagesUsage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The response cache's stage in the LLM handlers: before routing, look the request up and, on a hit, answer from the
 * entry (no router attempt, no upstream call, cost 0, {@code x-litellm-cache-key}; a stream request gets the entry
 * replayed as chunks, or as Anthropic's events on {@code /v1/messages}); on a miss run the routed call. After a routed
 * call, {@link #store}, {@link #storeStream} and {@link #storeMessageStream} keep the answer (as the upstream sent it:
 * {@link CacheWrites}; hits are checked by the request's guardrails: {@link GuardedHits}). Rate limits and budgets
 * ran before this stage, so a hit still counts as a request.
 */
final class CachedAnswers {
  static final String KEY_HEADER = "x-litellm-cache-key";

  private CachedAnswers() {}

  /**
   * The request's plan (read before control fields are stripped), or null when caching does not apply; a control
   * outside the key's or its user's {@code allowed_cache_controls} is a 403.
   */
  static CachePlan plan(RoutingContext ctx, GatewaySettings current, String callType, String group,
      ObjectNode body) {
    var key = Caller.of(ctx).key();
    var user = CallStart.entities(ctx).user();
    return CachePlan.of(current.cache(), callType, group, body, key == null ? null : key.allowedCacheControls(),
        user == null ? null : user.allowedCacheControls());
  }

  /** What a hit answers with, after the record is filled in. */
  @FunctionalInterface
  interface Hit {
    void answer(CachedResponse cached);
  }

  /** The semantic cache's search after an exact miss (completes with null on a miss). */
  @FunctionalInterface
  interface Semantic {
    io.vertx.core.Future<ResponseCache.SemanticHit> find();
  }

  /**
   * Looks the plan up and calls {@code hit} or {@code miss} on the request's own context; no plan (or
   * {@code no-cache}) goes straight to {@code miss}.
   */
  static void serve(RoutingContext ctx, ResponseCache cache, CachePlan plan, CallRecord record, Hit hit,
      Runnable miss) {
    serve(ctx, cache, plan, record, null, hit, (key, similarity, cached) -> hit.answer(cached), miss);
  }

  /** What a semantic hit answers with: the matched entry's key, the prompts' similarity, the entry. */
  @FunctionalInterface
  interface SemanticAnswer {
    void answer(String key, double similarity, CachedResponse cached);
  }

  /** As above; after an exact miss, {@code semantic} (when not null) may still find a similar prompt's answer. */
  static void serve(RoutingContext ctx, ResponseCache cache, CachePlan plan, CallRecord record, Semantic semantic,
      Hit hit, SemanticAnswer similar, Runnable miss) {
    if (plan == null) {
      miss.run();
      return;
    }
    record.cacheKey = plan.key();
    if (!plan.lookup()) {
      miss.run();
      return;
    }
    Context own = Vertx.currentContext();
    cache.lookup(plan.settings(), plan.key(), plan.controls().sMaxAgeSeconds()).onComplete(ar -> onContext(own, () -> {
      if (gone(ctx)) {
        return; // the client left while the cache answered; its record completed as a failure
      }
      guarded(ctx, record, () -> {
        if (ar.succeeded() && ar.result() != null) {
          hit.answer(ar.result());
        } else if (semantic == null) {
          miss.run();
        } else {
          semantic.find().onComplete(found -> onContext(own, () -> {
            if (!gone(ctx)) {
              guarded(ctx, record, () -> {
                if (found.succeeded() && found.result() != null) {
                  record.cacheKey = found.result().key();
                  similar.answer(found.result().key(), found.result().similarity(), found.result().entry());
                } else {
                  miss.run();
                }
              });
            }
          }));
        }
      });
    }));
  }

  private static boolean gone(RoutingContext ctx) {
    return ctx.response().closed() || ctx.response().ended();
  }

  private static void guarded(RoutingContext ctx, CallRecord record, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      CallEnd.failed(record, e);
      ErrorResponses.send(ctx, e);
    }
  }

  private static void onContext(Context own, Runnable work) {
    if (Vertx.currentContext() == own) {
      work.run();
    } else {
      own.runOnContext(v -> work.run());
    }
  }

  /** Answers a hit in OpenAI's format: the stored JSON, or its replay as a stream. */
  static void answer(HttpServerResponse response, CallRecord record, CallEnd end, String key, ObjectNode cached,
      String group, long startNanos, boolean stream, boolean includeUsage) {
    answer(response, record, end, key, cached, null, group, startNanos, stream, includeUsage);
  }

  /** As above, with the entry's usage already read ({@code usage} null: read as OpenAI's {@code usage}). */
  static void answer(HttpServerResponse response, CallRecord record, CallEnd end, String key, ObjectNode cached,
      Usage known, String group, long startNanos, boolean stream, boolean includeUsage) {
    answer(response, record, end, key, cached, known, group, startNanos,
        stream ? entry -> ChunkReplay.sse(entry, includeUsage) : null);
  }

  /** Answers a hit in Anthropic's format: the stored message, or its replay as Anthropic's event stream. */
  static void answerMessage(HttpServerResponse response, CallRecord record, CallEnd end, String key,
      ObjectNode cached, String group, long startNanos, boolean stream) {
    answer(response, record, end, key, cached, MessagesUsage.ofMessage(Json.write(cached)), group, startNanos,
        stream ? MessagesReplay::sse : null);
  }

  /** The hit's headers, record and body; {@code replay} (null: answer the JSON) writes a stream request's events. */
  private static void answer(HttpServerResponse response, CallRecord record, CallEnd end, String key,
      ObjectNode cached, Usage known, String group, long startNanos, Function<ObjectNode, Buffer> replay) {
    record.modelGroup = group;
    record.cacheHit = true;
    ProxyHeaders.add(response, record.requestId, group, null, null, null, 0, startNanos);
    response.putHeader(KEY_HEADER, key);
    byte[] bytes = Json.write(cached);
    Usage usage = known != null ? known : UsageScanner.usage(bytes);
    if (record.storePrompts) {
      record.response = dev.tollgate.gateway.calls.PromptCapture.response(bytes);
    }
    end.success(response, record, usage); // no route on the record: the cost is 0
    if (replay == null) {
      response.putHeader("content-type", "application/json").end(Buffer.buffer(bytes));
      return;
    }
    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache");
    response.end(replay.apply(cached));
  }

  /** Stores a routed call's OpenAI-format body, when the plan says so and it is an answer (not an error). */
  static void store(ResponseCache cache, CachePlan plan, byte[] bytes) {
    if (plan == null || !plan.store()) {
      return;
    }
    JsonNode body;
    try {
      body = Json.tree(bytes);
    } catch (RuntimeException e) {
      return;
    }
    if (body instanceof ObjectNode o && !o.has("error")) {
      cache.put(plan.settings(), plan.key(), o, plan.controls().ttlSeconds());
    }
  }

  /** A tap that stores a streamed answer once it completed normally, or null when nothing is stored. */
  static StreamTap storeStream(ResponseCache cache, CachePlan plan) {
    if (plan == null || !plan.store()) {
      return null;
    }
    return new StreamAssembly(completion ->
        cache.put(plan.settings(), plan.key(), completion, plan.controls().ttlSeconds()));
  }

  /** The same for an Anthropic-format stream ({@code /v1/messages}), stored as the Anthropic message. */
  static StreamTap storeMessageStream(ResponseCache cache, CachePlan plan) {
    if (plan == null || !plan.store()) {
      return null;
    }
    return new MessagesStreamAssembly(message ->
        cache.put(plan.settings(), plan.key(), message, plan.controls().ttlSeconds()));
  }
}
