package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.auth.ModelAccess;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}} in OpenAI's list format. */
public final class ModelsHandler {
  /** LiteLLM reports this fixed creation time for every model. */
  static final long CREATED = 1677610602L;
  private final Supplier<GatewaySettings> settings;

  public ModelsHandler(Supplier<GatewaySettings> settings) {
    this.settings = settings;
  }

  public void list(RoutingContext ctx) {
    ObjectNode root = Json.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    VirtualKey key = Caller.of(ctx).key();
    for (String name : settings.get().router().groups().names()) {
      if (key == null || ModelAccess.allowed(key, name)) {
        data.add(model(name));
      }
    }
    if (key != null) {
      for (String alias : key.aliases().keySet()) {
        if (!settings.get().router().groups().names().contains(alias)) {
          data.add(model(alias));
        }
      }
    }
    ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(root)));
  }

  public void one(RoutingContext ctx) {
    String name = ctx.pathParam("model");
    VirtualKey key = Caller.of(ctx).key();
    boolean served = settings.get().router().groups().names().contains(name)
        || key != null && key.aliases().containsKey(name);
    if (!served || key != null && !ModelAccess.allowed(key, name)) {
      throw new ApiError(404, "not_found_error", "The model '" + name + "' does not exist", "model");
    }
    ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(model(name))));
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
