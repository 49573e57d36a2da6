package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.auth.ModelAccess;
import dev.tollgate.gateway.budgets.BudgetChecks;
import dev.tollgate.gateway.budgets.Entity;
import dev.tollgate.gateway.budgets.EntityCache;
import dev.tollgate.gateway.budgets.EntityKind;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.models.AccessGroups;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{model}} in OpenAI's list format: the models the caller may call
 * (a virtual key: its {@code models}, aliases and access groups, within its team's {@code models} and access
 * groups).
 */
public final class ModelsHandler {
  /** LiteLLM reports this fixed creation time for every model. */
  static final long CREATED = 1677610602L;
  private final Supplier<GatewaySettings> settings;
  private final EntityCache entities;

  /** @param entities the key's team, whose {@code models} also limit what a key of the team is shown */
  public ModelsHandler(Supplier<GatewaySettings> settings, EntityCache entities) {
    this.settings = settings;
    this.entities = entities;
  }

  public void list(RoutingContext ctx) {
    VirtualKey key = Caller.of(ctx).key();
    withTeam(ctx, key, team -> {
      ObjectNode root = Json.object();
      root.put("object", "list");
      ArrayNode data = root.putArray("data");
      GatewaySettings current = settings.get();
      AccessGroups groups = current.models().accessGroups();
      List<String> names = current.models().listedNames();
      for (String name : names) {
        if (visible(key, team, name, groups)) {
          data.add(model(name));
        }
      }
      if (key != null) {
        for (String alias : key.aliases().keySet()) {
          if (!names.contains(alias) && visible(key, team, alias, groups)) {
            data.add(model(alias));
          }
        }
      }
      ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(root)));
    });
  }

  public void one(RoutingContext ctx) {
    String name = ctx.pathParam("model");
    VirtualKey key = Caller.of(ctx).key();
    withTeam(ctx, key, team -> {
      GatewaySettings current = settings.get();
      boolean served = current.models().listedNames().contains(name)
          || key != null && key.aliases().containsKey(name);
      if (!served || !visible(key, team, name, current.models().accessGroups())) {
        throw new ApiError(404, "not_found_error", "The model '" + name + "' does not exist", "model");
      }
      ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(model(name))));
    });
  }

  /** The master key sees every model; a key what it may call, within its team's models when it has a team. */
  private static boolean visible(VirtualKey key, Entity team, String name, AccessGroups groups) {
    if (key == null) {
      return true;
    }
    if (!ModelAccess.allowed(key, name, groups)) {
      return false;
    }
    String routed = key.aliases().getOrDefault(name, name);
    return team == null || BudgetChecks.teamAllows(team.models(), routed, groups);
  }

  /** Runs {@code answer} with the key's team (null without one): at once when cached, else after loading it. */
  private void withTeam(RoutingContext ctx, VirtualKey key, Consumer<Entity> answer) {
    Consumer<Entity> guarded = team -> {
      try {
        answer.accept(team);
      } catch (RuntimeException e) {
        ErrorResponses.send(ctx.response(), e);
      }
    };
    if (key == null || key.teamId() == null) {
      guarded.accept(null);
      return;
    }
    CompletableFuture<Optional<Entity>> team = entities.get(EntityKind.TEAM, key.teamId());
    if (team.isDone() && !team.isCompletedExceptionally()) {
      guarded.accept(team.join().orElse(null));
      return;
    }
    Future.fromCompletionStage(team, ctx.vertx().getOrCreateContext()).onComplete(done -> {
      if (done.failed()) {
        ErrorResponses.send(ctx.response(), done.cause());
      } else {
        guarded.accept(done.result().orElse(null));
      }
    });
  }

  private static ObjectNode model(String name) {
    ObjectNode model = Json.object();
    model.put("id", name);
    model.put("object", "model");
    model.put("created", CREATED);
    model.put("owned_by", "openai");
    return model;
  }
}
