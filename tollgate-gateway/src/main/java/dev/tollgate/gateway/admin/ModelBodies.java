package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.util.Iterator;
import java.util.Set;

/** Checks the bodies of {@code /model/new} and {@code /model/update}: field names and types, before any work. */
final class ModelBodies {
  static final Set<String> FIELDS = Set.of("model_name", "litellm_params", "model_info");

  private ModelBodies() {}

  /** Refuses fields other than {@link #FIELDS} and wrongly typed ones. */
  static void check(ObjectNode body, Set<String> alsoAllowed) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name) && !alsoAllowed.contains(name)) {
        throw ApiError.badRequest("unknown field '" + name + "': a model has model_name, litellm_params and "
            + "model_info", name);
      }
    }
    JsonNode name = body.get("model_name");
    if (name != null && !name.isNull() && (!name.isTextual() || name.asText().isBlank())) {
      throw ApiError.badRequest("'model_name' must be a non-empty string", "model_name");
    }
    object(body, "litellm_params");
    object(body, "model_info");
  }

  /** The named object, or an empty one when absent or null; 400 when it is not an object. */
  static ObjectNode object(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Json.object();
    }
    if (!(v instanceof ObjectNode o)) {
      throw ApiError.badRequest("'" + field + "' must be an object", field);
    }
    return o;
  }

  /** {@code model_info.id} as text, or null; 400 when it is not a string or number. */
  static String id(ObjectNode info) {
    JsonNode id = info.get("id");
    if (id == null || id.isNull()) {
      return null;
    }
    if (!id.isTextual() && !id.isNumber() || id.asText().isBlank()) {
      throw ApiError.badRequest("'model_info.id' must be a non-empty string", "model_info.id");
    }
    return id.asText();
  }

  /** {@code merged} with every field of {@code changes} set (a null value removes the field). */
  static ObjectNode merge(ObjectNode base, ObjectNode changes) {
    ObjectNode out = base.deepCopy();
    changes.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }
}
