package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.entities.EntityConflictException;
import dev.tollgate.gateway.keys.KeyConflictException;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Runs a management call's blocking work on the database executor and answers on the request's event loop: the JSON
 * it returns with 200, or its error in OpenAI's shape ({@link KeyConflictException} and
 * {@link EntityConflictException} as a 400).
 */
final class Replies {
  private Replies() {}

  static void blocking(RoutingContext ctx, Database db, Supplier<JsonNode> work) {
    var context = ctx.vertx().getOrCreateContext();
    var future = java.util.concurrent.CompletableFuture.supplyAsync(work, db.executor());
    Future.fromCompletionStage(future, context).onComplete(done -> {
          if (done.succeeded()) {
            ctx.response().putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.write(done.result())));
          } else {
            Throwable cause = done.cause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : done.cause();
            if (cause instanceof KeyConflictException conflict) {
              cause = new ApiError(400, "bad_request_error", conflict.getMessage(), "key_alias");
            } else if (cause instanceof EntityConflictException conflict) {
              cause = new ApiError(400, "bad_request_error", conflict.getMessage(), conflict.param());
            }
            ErrorResponses.send(ctx.response(), cause);
          }
        });
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found_error", message, "key");
  }

  static ApiError notFound(String message, String param) {
    return new ApiError(404, "not_found_error", message, param);
  }
}
