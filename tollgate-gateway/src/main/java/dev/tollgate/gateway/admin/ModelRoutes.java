package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.models.InvalidModelException;
import dev.tollgate.gateway.models.ModelCatalog;
import dev.tollgate.gateway.models.ModelEntry;
import dev.tollgate.gateway.models.ModelJson;
import dev.tollgate.gateway.models.ModelSync;
import dev.tollgate.gateway.models.StoredModel;
import dev.tollgate.gateway.store.DatabaseException;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * LiteLLM's model management API, master key only: {@code POST /model/new}, {@code POST /model/update},
 * {@code PATCH /model/{model_id}/update}, {@code POST /model/delete}. Models live in {@code tg_models}; after a change
 * this instance rebuilds its routing at once ({@link ModelSync#refresh}) and the others within their poll interval.
 * Config-file models cannot be changed here (400). {@code GET /model/info} is in {@link ModelInfoRoutes}.
 */
public final class ModelRoutes {
  private final ControlPlane plane;
  private final Supplier<GatewaySettings> settings;
  private final ModelSync sync;

  private ModelRoutes(ControlPlane plane, Supplier<GatewaySettings> settings, ModelSync sync) {
    this.plane = plane;
    this.settings = settings;
    this.sync = sync;
  }

  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane,
      Supplier<GatewaySettings> settings, ModelSync sync) {
    ModelRoutes models = new ModelRoutes(plane, settings, sync);
    Access admin = Access.admin(plane.userCache());
    router.post("/model/new").handler(auth).handler(admin).handler(body).handler(models::create);
    router.post("/model/update").handler(auth).handler(admin).handler(body).handler(models::update);
    router.patch("/model/:model_id/update").handler(auth).handler(admin).handler(body)
        .handler(models::update);
    router.post("/model/delete").handler(auth).handler(admin).handler(body).handler(models::delete);
    ModelInfoRoutes.register(router, auth, settings);
  }

  void create(RoutingContext ctx) {
    try {
      ObjectNode body = KeyRoutes.body(ctx);
      ModelBodies.check(body, Set.of());
      if (!body.hasNonNull("model_name")) {
        throw ApiError.badRequest("'model_name' is required: the public name clients will send", "model_name");
      }
      String name = body.get("model_name").asText();
      ObjectNode params = ModelBodies.object(body, "litellm_params");
      if (!params.hasNonNull("model")) {
        throw ApiError.badRequest("'litellm_params.model' is required, e.g. openai/gpt-4o", "litellm_params");
      }
      ObjectNode info = ModelBodies.object(body, "model_info").deepCopy();
      String given = ModelBodies.id(info);
      String id = given != null ? given : UUID.randomUUID().toString();
      info.put("id", id);
      ModelCatalog catalog = settings.get().models();
      check(catalog, name, params, info);
      long now = System.currentTimeMillis();
      StoredModel row = new StoredModel(id, name, catalog.secrets().seal(params), info, now, KeyRoutes.MASTER_ALIAS,
          now, KeyRoutes.MASTER_ALIAS);
      Replies.blocking(ctx, plane.database(), () -> {
        sync.refresh(); // the id check below sees models other instances added since the last poll
        if (settings.get().models().find(id).isPresent()) {
          throw ApiError.badRequest("a model with id '" + id + "' already exists", "model_info.id");
        }
        try {
          sync.store().insert(row);
        } catch (DatabaseException e) {
          if (sync.store().all().stream().anyMatch(m -> m.modelId().equals(id))) {
            throw ApiError.badRequest("a model with id '" + id + "' already exists", "model_info.id");
          }
          throw e;
        }
        sync.refresh();
        return ModelJson.row(row);
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void update(RoutingContext ctx) {
    try {
      ObjectNode body = KeyRoutes.body(ctx);
      ModelBodies.check(body, Set.of());
      ObjectNode infoChanges = ModelBodies.object(body, "model_info");
      String bodyId = ModelBodies.id(infoChanges);
      String id = ctx.pathParam("model_id") != null ? ctx.pathParam("model_id") : bodyId;
      if (id == null) {
        throw ApiError.badRequest("'model_info.id' is required: the id of the model to update", "model_info.id");
      }
      if (bodyId != null && !bodyId.equals(id)) {
        throw ApiError.badRequest("'model_info.id' cannot change (the path says '" + id + "')", "model_info.id");
      }
      ObjectNode paramChanges = ModelBodies.object(body, "litellm_params");
      Replies.blocking(ctx, plane.database(), () -> {
        ModelCatalog catalog = settings.get().models();
        StoredModel old = stored(catalog, id);
        String name = body.hasNonNull("model_name") ? body.get("model_name").asText() : old.modelName();
        ObjectNode params = ModelBodies.merge(open(catalog, old), paramChanges);
        ObjectNode info = ModelBodies.merge(old.modelInfo(), infoChanges);
        info.put("id", id);
        check(catalog, name, params, info);
        long now = System.currentTimeMillis();
        StoredModel row = new StoredModel(id, name, catalog.secrets().seal(params), info, old.createdAt(),
            old.createdBy(), now, KeyRoutes.MASTER_ALIAS);
        if (!sync.store().update(row)) {
          throw Replies.notFound("no model with id '" + id + "'");
        }
        sync.refresh();
        return ModelJson.row(row);
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void delete(RoutingContext ctx) {
    try {
      ObjectNode body = KeyRoutes.body(ctx);
      if (!body.hasNonNull("id") || !body.get("id").isValueNode() || body.get("id").asText().isBlank()) {
        throw ApiError.badRequest("'id' is required: the model_info.id of the model to delete", "id");
      }
      String id = body.get("id").asText();
      Replies.blocking(ctx, plane.database(), () -> {
        stored(settings.get().models(), id);
        if (!sync.store().delete(id)) {
          throw Replies.notFound("no model with id '" + id + "'");
        }
        sync.refresh();
        ObjectNode reply = Json.object();
        reply.put("message", "Model: " + id + " deleted successfully");
        return reply;
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /**
   * The stored row with this id, read from the database (so a row this instance could not build, or has not polled
   * yet, can still be changed or deleted); 400 for a config-file model, 404 for an unknown id.
   */
  private StoredModel stored(ModelCatalog catalog, String id) {
    ModelEntry e = catalog.find(id).orElse(null);
    if (e != null && !e.dbModel()) {
      throw ApiError.badRequest("model '" + id + "' (" + e.deployment().modelName() + ") is defined in the config "
          + "file; change it there, not through the API", "id");
    }
    StoredModel row = sync.store().find(id);
    if (row == null) {
      throw Replies.notFound("no model with id '" + id + "'");
    }
    return row;
  }

  /** The row's plaintext params; 400 when its credentials were stored under another LITELLM_SALT_KEY. */
  private static ObjectNode open(ModelCatalog catalog, StoredModel row) {
    try {
      return catalog.secrets().open(row.litellmParams());
    } catch (IllegalStateException e) {
      throw ApiError.badRequest(e.getMessage() + "; delete the model and add it again", "id");
    }
  }

  private static void check(ModelCatalog catalog, String name, ObjectNode params, ObjectNode info) {
    try {
      catalog.check(name, params, info);
    } catch (InvalidModelException e) {
      throw ApiError.badRequest(e.getMessage(), "litellm_params");
    }
  }
}
