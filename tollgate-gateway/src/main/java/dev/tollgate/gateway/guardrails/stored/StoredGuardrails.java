package dev.tollgate.gateway.guardrails.stored;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.ConfiguredGuardrail;
import dev.tollgate.gateway.guardrails.GuardrailConfig;
import dev.tollgate.gateway.guardrails.GuardrailOrigin;
import dev.tollgate.gateway.guardrails.GuardrailSet;
import dev.tollgate.gateway.models.SecretBox;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code tg_guardrails} rows into served guardrails, with the config file's rules ({@link GuardrailConfig#one}):
 * the rows' credentials decrypted, {@code os.environ/} references resolved from this instance's environment. A row
 * that no longer builds here (another {@code LITELLM_SALT_KEY}, a variable this instance lacks) or whose name a
 * config-file guardrail has taken since is skipped with a warning, so one bad row never stops the others.
 */
public final class StoredGuardrails {
  private static final Logger LOG = LoggerFactory.getLogger(StoredGuardrails.class);

  private StoredGuardrails() {}

  /** The rows that build, oldest first, and their origins by name: what {@link GuardrailSet#withStored} takes. */
  public record Served(List<ConfiguredGuardrail> guardrails, Map<String, GuardrailOrigin> origins) {
    /** {@code base} serving these instead of the stored guardrails it had. */
    public GuardrailSet over(GuardrailSet base) {
      return base.withStored(guardrails, origins);
    }
  }

  /** {@code base}'s config-file guardrails followed by every row that builds, oldest first. */
  public static GuardrailSet serve(GuardrailSet base, List<StoredGuardrail> rows, SecretBox secrets,
      Map<String, String> env) {
    return build(base, rows, secrets, env).over(base);
  }

  /** Every row that builds beside {@code base}'s config-file guardrails. */
  public static Served build(GuardrailSet base, List<StoredGuardrail> rows, SecretBox secrets,
      Map<String, String> env) {
    Set<String> taken = base.configured().stream().map(ConfiguredGuardrail::name).collect(Collectors.toSet());
    List<ConfiguredGuardrail> served = new ArrayList<>();
    Map<String, GuardrailOrigin> origins = new HashMap<>();
    for (StoredGuardrail row : rows) {
      if (taken.contains(row.guardrailName())) {
        LOG.warn("guardrail {} ({}) from the database is not served: the config file defines a guardrail with the "
            + "same name, which wins", row.guardrailId(), row.guardrailName());
        continue;
      }
      try {
        served.add(build(row.guardrailName(), secrets.open(row.litellmParams()), row.guardrailInfo(), env));
        origins.put(row.guardrailName(), row.origin());
      } catch (RuntimeException e) {
        LOG.warn("guardrail {} ({}) from the database is not served: {}", row.guardrailId(), row.guardrailName(),
            e.getMessage());
      }
    }
    return new Served(served, origins);
  }

  /**
   * Builds one guardrail as it would be served.
   *
   * @param params {@code litellm_params} in plaintext, references unresolved
   * @throws dev.tollgate.gateway.config.ConfigException naming the problem
   */
  public static ConfiguredGuardrail build(String name, ObjectNode params, JsonNode info, Map<String, String> env) {
    ObjectNode entry = Json.object();
    entry.put("guardrail_name", name);
    entry.set("litellm_params", EnvReferences.resolve(params, env));
    if (info != null && !info.isNull()) {
      entry.set("guardrail_info", info);
    }
    return GuardrailConfig.one(entry, "guardrail", env);
  }
}
