package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.cache.CachePlan;
import dev.tollgate.gateway.cache.CachedResponse;
import dev.tollgate.gateway.cache.EmbeddingBatch;
import dev.tollgate.gateway.cache.ResponseCache;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The response cache's stage for {@code /v1/embeddings}, per input item ({@link EmbeddingBatch}): every item is looked
 * up; all hits answer from the cache; otherwise only the missing items go upstream, and {@link #merge} stores them and
 * puts the answer back together in the request's order.
 */
final class EmbeddingCache {
  private EmbeddingCache() {}

  /** The routed call for the items at {@code missing} (null: the whole request, caching not involved). */
  @FunctionalInterface
  interface Miss {
    void run(List<Integer> missing, List<ObjectNode> cached);
  }

  static void serve(RoutingContext ctx, ResponseCache cache, CachePlan plan, EmbeddingBatch batch, CallRecord record,
      Consumer<List<ObjectNode>> allHit, Miss miss) {
    if (plan == null) {
      miss.run(null, null);
      return;
    }
    record.cacheKey = String.join(",", batch.keys());
    List<Integer> everything = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      everything.add(i);
    }
    if (!plan.lookup()) {
      miss.run(everything, Collections.nCopies(batch.size(), null));
      return;
    }
    List<Future<CachedResponse>> lookups = new ArrayList<>();
    for (String key : batch.keys()) {
      lookups.add(cache.lookup(plan.settings(), key, plan.controls().sMaxAgeSeconds()));
    }
    Context own = Vertx.currentContext();
    Future.join(lookups).onComplete(ignored -> {
      Runnable next = () -> {
        if (ctx.response().closed() || ctx.response().ended()) {
          return;
        }
        List<ObjectNode> cached = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < lookups.size(); i++) {
          Future<CachedResponse> f = lookups.get(i);
          CachedResponse hit = f.succeeded() ? f.result() : null;
          cached.add(hit == null ? null : hit.response());
          if (hit == null) {
            missing.add(i);
          }
        }
        try {
          if (missing.isEmpty()) {
            allHit.accept(cached);
          } else {
            miss.run(missing, cached);
          }
        } catch (RuntimeException e) {
          CallEnd.failed(record, e);
          ErrorResponses.send(ctx, e);
        }
      };
      if (Vertx.currentContext() == own) {
        next.run();
      } else {
        own.runOnContext(v -> next.run());
      }
    });
  }

  /**
   * The client's answer for an upstream {@code bytes} that covered the items at {@code missing}: stores each of them
   * (unless {@code no-store}) and merges them with the cached items. Without caching, {@code bytes} as they are.
   */
  static byte[] merge(ResponseCache cache, CachePlan plan, EmbeddingBatch batch, List<Integer> missing,
      List<ObjectNode> cached, byte[] bytes) {
    if (plan == null || missing == null) {
      return bytes;
    }
    JsonNode parsed;
    try {
      parsed = Json.tree(bytes);
    } catch (RuntimeException e) {
      return bytes;
    }
    if (!(parsed instanceof ObjectNode fresh) || fresh.path("data").size() != missing.size()) {
      return bytes; // not an answer we can split: pass it through, store nothing
    }
    if (plan.store()) {
      for (int j = 0; j < missing.size(); j++) {
        cache.put(plan.settings(), batch.keys().get(missing.get(j)),
            EmbeddingBatch.entryOf(fresh, fresh.path("data").get(j), missing.size()), plan.controls().ttlSeconds());
      }
    }
    if (missing.size() == batch.size()) {
      return bytes;
    }
    return Json.write(batch.merge(cached, fresh));
  }
}
