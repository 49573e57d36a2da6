package dev.tollgate.providers.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.Json;

/**
 * Deployment-level parameters ({@code litellm_params} such as temperature) act as defaults the request overrides; and
 * an {@code extra_body} object (what OpenAI SDKs call provider-specific fields, when a client sends it literally) is
 * opened up into top-level fields.
 */
public final class RequestDefaults {
  private RequestDefaults() {}

  /**
   * The body with each of the target's params set where the body has none and the fields of {@code extra_body} moved
   * to the top level (where not already set). Returns {@code body} itself when there is nothing to add, else a
   * shallow copy: the caller's tree is left as it was (a router may send it to another deployment next).
   */
  public static ObjectNode apply(ObjectNode body, CallTarget target) {
    JsonNode extraBody = body.get("extra_body");
    if (target.params().isEmpty() && extraBody == null) {
      return body;
    }
    ObjectNode out = Json.object();
    out.setAll(body);
    out.remove("extra_body");
    if (extraBody != null && extraBody.isObject()) {
      extraBody.properties().forEach(field -> {
        if (!out.has(field.getKey())) {
          out.set(field.getKey(), field.getValue());
        }
      });
    }
    target.params().forEach((name, value) -> {
      if (!out.has(name)) {
        out.set(name, value);
      }
    });
    return out;
  }
}
