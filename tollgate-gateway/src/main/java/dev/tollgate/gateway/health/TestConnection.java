package dev.tollgate.gateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.gateway.models.InvalidModelException;
import dev.tollgate.gateway.models.ModelCatalog;
import dev.tollgate.gateway.models.ModelEntry;
import dev.tollgate.gateway.models.ModelJson;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * LiteLLM's {@code POST /health/test_connection}: tries a {@code litellm_params} payload before it is saved as a
 * model. Body {@code {"litellm_params": {...}, "mode": "chat", "model_info": {...}}}; the reply is
 * {@code {"status": "success", "result": {...}}} or {@code {"status": "error", "result": {..., "error": "..."}}},
 * where {@code result} holds the display-safe params ({@link EndpointJson}).
 *
 * <p>As in LiteLLM, when {@code litellm_params.model} names a served model (its {@code model_name}, else its
 * {@code litellm_params.model}), that deployment's params, credentials included, are the base the body's params are
 * laid over, so a stored key can be tested without sending it again. Tollgate also takes {@code model_info.id} to name
 * the deployment (the dashboard's "test" of one row); a base found by its {@code model_name} keeps its own upstream
 * {@code model}. A body of the wrong shape is a 400; a model that does not build (an unknown provider, a wrongly typed
 * param) is an {@code "error"} result naming the problem, as LiteLLM reports it.
 */
final class TestConnection {
  static final Set<String> FIELDS = Set.of("litellm_params", "mode", "model_info");
  /** LiteLLM's accepted modes; Tollgate probes chat-like modes and embedding, the rest answer "error". */
  static final Set<String> MODES = Set.of("chat", "completion", "embedding", "audio_speech", "audio_transcription",
      "image_generation", "video_generation", "batch", "rerank", "realtime", "responses", "ocr");
  private static final String TEST_ID = "test_connection";
  private final Supplier<GatewaySettings> settings;
  private final DeploymentProbe probe;

  TestConnection(Supplier<GatewaySettings> settings, DeploymentProbe probe) {
    this.settings = settings;
    this.probe = probe;
  }

  void handle(RoutingContext ctx) {
    try {
      ObjectNode body = RequestBodies.object(ctx);
      checkFields(body);
      ObjectNode asked = object(body, "litellm_params");
      JsonNode model = asked.get("model");
      if (model == null || !model.isTextual() || model.asText().isBlank()) {
        throw ApiError.badRequest("'litellm_params.model' is required, e.g. openai/gpt-4o", "litellm_params");
      }
      String mode = mode(body);
      ObjectNode askedInfo = object(body, "model_info");
      ModelCatalog catalog = settings.get().models();
      Optional<ModelEntry> base = base(catalog, askedInfo, model.asText());
      ObjectNode params = base.map(e -> ModelJson.paramsWithSecrets(e, catalog.secrets())).orElseGet(Json::object);
      boolean namedByGroup = base.isPresent() && !askedInfo.hasNonNull("id")
          && base.get().deployment().modelName().equals(model.asText())
          && !base.get().deployment().litellmModel().equals(model.asText());
      String baseModel = params.path("model").asText(null);
      params.setAll(asked);
      if (namedByGroup) {
        params.put("model", baseModel); // "gpt-4o" named the group; its deployment says which upstream model
      }
      ObjectNode info = base.map(e -> Json.MAPPER.<ObjectNode>valueToTree(e.config().modelInfo().values()))
          .orElseGet(Json::object);
      info.setAll(askedInfo);
      info.put("id", TEST_ID);
      String name = base.map(e -> e.deployment().modelName()).orElse("test_model");
      ModelEntry entry;
      try {
        entry = catalog.check(name, params, info);
      } catch (InvalidModelException | IllegalStateException e) {
        answer(ctx, params, ProbeResult.failed(e.getMessage(), 400));
        return;
      }
      probe.probe(Vertx.currentContext(), entry, catalog.routes(), mode)
          .onComplete(done -> answer(ctx, params, done.succeeded() ? done.result()
              : ProbeResult.failed(DeploymentProbe.describe(done.cause(), null), 500)));
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /** The served deployment the body names: {@code model_info.id}, else a model name, else an upstream model. */
  static Optional<ModelEntry> base(ModelCatalog catalog, ObjectNode info, String model) {
    JsonNode id = info.get("id");
    if (id != null && !id.isNull()) {
      if (!id.isTextual() && !id.isNumber() || id.asText().isBlank()) {
        throw ApiError.badRequest("'model_info.id' must be a non-empty string", "model_info.id");
      }
      return Optional.of(catalog.find(id.asText()).orElseThrow(() -> new ApiError(404, "not_found_error",
          "Model with ID " + id.asText() + " not found", "model_info.id")));
    }
    Optional<ModelEntry> byName = catalog.all().stream()
        .filter(e -> e.deployment().modelName().equals(model)).findFirst();
    return byName.isPresent() ? byName
        : catalog.all().stream().filter(e -> e.deployment().litellmModel().equals(model)).findFirst();
  }

  private static void answer(RoutingContext ctx, ObjectNode params, ProbeResult result) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ObjectNode out = Json.object();
    out.put("status", result.healthy() ? "success" : "error");
    out.set("result", EndpointJson.of(params, null, result));
    ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(out)));
  }

  private static void checkFields(ObjectNode body) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiError.badRequest("unknown field '" + name + "': a connection test has litellm_params, mode and "
            + "model_info", name);
      }
    }
  }

  private static String mode(ObjectNode body) {
    JsonNode mode = body.get("mode");
    if (mode == null || mode.isNull()) {
      return "chat";
    }
    if (!mode.isTextual() || !MODES.contains(mode.asText())) {
      throw ApiError.badRequest("'mode' must be one of " + new java.util.TreeSet<>(MODES), "mode");
    }
    return mode.asText();
  }

  private static ObjectNode object(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (field.equals("litellm_params")) {
        throw ApiError.badRequest("'litellm_params' is required: the params of the model to test", field);
      }
      return Json.object();
    }
    if (!(v instanceof ObjectNode o)) {
      throw ApiError.badRequest("'" + field + "' must be an object", field);
    }
    return o.deepCopy();
  }
}
