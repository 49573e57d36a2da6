package dev.tollgate.gateway.guardrails.stored;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.models.SecretBox;
import java.util.HashSet;
import java.util.Set;

/**
 * The credentials in a stored guardrail's {@code litellm_params}: {@code api_key} (a guardrail API's
 * {@code x-api-key}), {@code headers} (which carry tokens as often as not) and the model credential names of
 * {@link SecretBox#SECRET_PARAMS}. They are encrypted at rest with the same {@link SecretBox} as model keys (so the
 * same {@code LITELLM_SALT_KEY} rules apply) and never appear in an answer.
 */
public final class GuardrailSecrets {
  /** Params that are encrypted when stored and left out of every answer. */
  public static final Set<String> NAMES;

  static {
    Set<String> names = new HashSet<>(SecretBox.SECRET_PARAMS);
    names.add("headers");
    NAMES = Set.copyOf(names);
  }

  private GuardrailSecrets() {}

  /** A copy of {@code params} with every present secret encrypted by {@code box}. */
  public static ObjectNode seal(SecretBox box, ObjectNode params) {
    return box.seal(params, NAMES);
  }

  /** A copy of {@code params} without any secret. */
  public static ObjectNode without(JsonNode params) {
    ObjectNode out = params instanceof ObjectNode o ? o.deepCopy() : dev.tollgate.providers.types.Json.object();
    out.remove(NAMES);
    return out;
  }

  /**
   * {@code next} with the secrets of {@code stored} (as stored: encrypted) that {@code next} does not mention, so a
   * client that replaces a guardrail without resending its key (which no answer shows) keeps it; a secret sent as
   * {@code null} is removed. Only when the integration stays the same: another integration starts from what is sent.
   */
  public static ObjectNode keep(ObjectNode stored, ObjectNode next) {
    ObjectNode out = next.deepCopy();
    if (!stored.path("guardrail").asText("").equals(next.path("guardrail").asText(""))) {
      return withoutNulls(out);
    }
    for (String name : NAMES) {
      if (!next.has(name) && stored.hasNonNull(name)) {
        out.set(name, stored.get(name));
      }
    }
    return withoutNulls(out);
  }

  private static ObjectNode withoutNulls(ObjectNode params) {
    for (String name : NAMES) {
      if (params.has(name) && params.get(name).isNull()) {
        params.remove(name);
      }
    }
    return params;
  }
}
