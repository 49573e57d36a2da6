package dev.tollgate.gateway.guardrails.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.guardrails.Guardrail;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the offline guardrails from their {@code litellm_params}. Integration ids: {@code tollgate/pii},
 * {@code tollgate/secrets} (also LiteLLM's {@code hide-secrets}), {@code tollgate/keywords},
 * {@code tollgate/prompt_injection}, {@code tollgate/max_input} and {@code tollgate/topics}; docs/guardrails.md lists
 * every option.
 */
public final class BuiltInGuardrails {
  /** The ids this class builds. */
  public static final Set<String> IDS = Set.of("tollgate/pii", "tollgate/secrets", "hide-secrets",
      "tollgate/keywords", "tollgate/prompt_injection", "tollgate/max_input", "tollgate/topics");
  private static final Function<String, String> PRESIDIO_STYLE = entity -> "<" + entity + ">";
  private static final Function<String, String> REDACTED = entity -> "[REDACTED]";

  private BuiltInGuardrails() {}

  /** The guardrail {@code id} with {@code params}; {@code where} names the entry in error messages. */
  public static Guardrail build(String id, JsonNode params, String where) {
    try {
      return switch (id) {
        case "tollgate/pii" -> pii(params, where);
        case "tollgate/secrets", "hide-secrets" -> secrets(params);
        case "tollgate/keywords" -> keywords(params, where);
        case "tollgate/prompt_injection" -> injection(params, where);
        case "tollgate/max_input" -> maxInput(params, where);
        case "tollgate/topics" -> topics(params, where);
        default -> throw new IllegalArgumentException(id);
      };
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new ConfigException(where + ": a pattern does not compile: " + e.getDescription());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());
    }
  }

  private static Guardrail pii(JsonNode p, String where) {
    Map<String, EntityAction> actions = new LinkedHashMap<>();
    Set<PiiDetector.Entity> entities = EnumSet.noneOf(PiiDetector.Entity.class);
    JsonNode config = p.get("pii_entities_config");
    if (config != null && config.isObject()) {
      config.properties().forEach(e -> {
        PiiDetector.Entity entity = piiEntity(e.getKey(), where);
        entities.add(entity);
        actions.put(entity.name(), EntityAction.of(e.getValue().asText()));
      });
    }
    for (String name : strings(p.get("entities"))) {
      entities.add(piiEntity(name, where));
    }
    if (entities.isEmpty()) {
      entities.addAll(EnumSet.allOf(PiiDetector.Entity.class));
    }
    return new SpanGuardrail(new PiiDetector(entities), actions, action(p, EntityAction.MASK), PRESIDIO_STYLE);
  }

  private static PiiDetector.Entity piiEntity(String name, String where) {
    try {
      return PiiDetector.Entity.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": unknown PII entity '" + name + "'; known: "
          + java.util.Arrays.toString(PiiDetector.Entity.values()));
    }
  }

  private static Guardrail secrets(JsonNode p) {
    EntropyTokens entropy = p.path("detect_high_entropy").asBoolean(true)
        ? new EntropyTokens(p.path("entropy_min_length").asInt(24), p.path("entropy_threshold").asDouble(4.0),
            p.path("entropy_include_hex").asBoolean(false))
        : null;
    return new SpanGuardrail(new SecretDetector(entropy), Map.of(), action(p, EntityAction.MASK), REDACTED);
  }

  private static Guardrail keywords(JsonNode p, String where) {
    List<String> words = strings(p.get("keywords"));
    List<String> patterns = strings(p.get("patterns"));
    if (words.isEmpty() && patterns.isEmpty()) {
      throw new ConfigException(where + ": tollgate/keywords needs 'keywords' or 'patterns'");
    }
    return new SpanGuardrail(new KeywordDetector(words, patterns, p.path("whole_words").asBoolean(true)), Map.of(),
        action(p, EntityAction.BLOCK), REDACTED);
  }

  private static Guardrail injection(JsonNode p, String where) {
    List<PromptInjection.Rule> extra = new ArrayList<>();
    JsonNode patterns = p.get("extra_patterns");
    if (patterns != null && patterns.isArray()) {
      for (JsonNode r : patterns) {
        if (!r.path("pattern").isTextual()) {
          throw new ConfigException(where + ": extra_patterns items need 'pattern' (and optional 'weight')");
        }
        extra.add(PromptInjection.Rule.of(r.get("pattern").asText(), r.path("weight").asDouble(1.0)));
      }
    }
    return PromptInjection.withExtra(extra, p.path("threshold").asDouble(PromptInjection.DEFAULT_THRESHOLD));
  }

  private static Guardrail maxInput(JsonNode p, String where) {
    Integer tokens = p.hasNonNull("max_tokens") ? p.get("max_tokens").asInt() : null;
    Integer chars = p.hasNonNull("max_chars") ? p.get("max_chars").asInt() : null;
    if (tokens == null && chars == null) {
      throw new ConfigException(where + ": tollgate/max_input needs 'max_tokens' or 'max_chars'");
    }
    return new MaxInput(tokens, chars);
  }

  private static Guardrail topics(JsonNode p, String where) {
    Map<String, List<String>> allowed = topicMap(p.get("allowed_topics"));
    Map<String, List<String>> denied = topicMap(p.get("denied_topics"));
    if (allowed.isEmpty() && denied.isEmpty()) {
      throw new ConfigException(where + ": tollgate/topics needs 'allowed_topics' or 'denied_topics'");
    }
    return new TopicFilter(allowed, denied);
  }

  private static Map<String, List<String>> topicMap(JsonNode node) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> {
        List<String> words = strings(e.getValue());
        if (!words.isEmpty()) {
          out.put(e.getKey(), words);
        }
      });
    }
    return out;
  }

  private static EntityAction action(JsonNode p, EntityAction fallback) {
    JsonNode a = p.get("action");
    return a == null || a.isNull() ? fallback : EntityAction.of(a.asText());
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(n -> {
        if (n.isTextual() && !n.asText().isEmpty()) {
          out.add(n.asText());
        }
      });
    } else if (node != null && node.isTextual()) {
      out.add(node.asText());
    }
    return out;
  }
}
