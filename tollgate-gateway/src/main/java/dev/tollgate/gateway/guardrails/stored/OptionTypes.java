package dev.tollgate.gateway.guardrails.stored;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.guardrails.builtin.PiiDetector;
import dev.tollgate.gateway.http.ApiError;
import java.util.Locale;
import java.util.Map;

/**
 * The types of the built-in guardrails' options, checked before a guardrail is stored through the API. The built-ins
 * read their options forgivingly (a config file's {@code threshold: high} reads as 0), which a person editing a file
 * sees at once; an API client gets a 400 naming the option instead. Options not listed here pass (LiteLLM accepts
 * params it does not know too); the remote guardrails' readers check their own options strictly.
 */
final class OptionTypes {
  /** What an option must hold. */
  enum Kind {
    BOOLEAN("true or false"),
    NUMBER("a number"),
    POSITIVE_INT("a whole number above 0"),
    STRINGS("a string or a list of strings"),
    REGEXES("a regular expression or a list of them (Java syntax)"),
    ENTITIES("a list of PII entities " + java.util.Arrays.toString(PiiDetector.Entity.values())),
    ACTION("MASK or BLOCK"),
    ACTIONS("an object of PII entities " + java.util.Arrays.toString(PiiDetector.Entity.values())
        + " to MASK or BLOCK"),
    TOPICS("an object of topic names to lists of keywords"),
    PATTERNS("a list of {\"pattern\": \"<Java regular expression>\", \"weight\": <number>} objects");

    final String what;

    Kind(String what) {
      this.what = what;
    }
  }

  private static final Map<String, Kind> COMMON = Map.of("mode", Kind.STRINGS, "default_on", Kind.BOOLEAN);
  private static final Map<String, Kind> SECRETS = Map.of("action", Kind.ACTION, "detect_high_entropy", Kind.BOOLEAN,
      "entropy_min_length", Kind.POSITIVE_INT, "entropy_threshold", Kind.NUMBER, "entropy_include_hex", Kind.BOOLEAN);
  private static final Map<String, Map<String, Kind>> BY_INTEGRATION = Map.of(
      "tollgate/pii", Map.of("pii_entities_config", Kind.ACTIONS, "entities", Kind.ENTITIES, "action", Kind.ACTION),
      "tollgate/secrets", SECRETS,
      "hide-secrets", SECRETS,
      "tollgate/keywords", Map.of("keywords", Kind.STRINGS, "patterns", Kind.REGEXES, "whole_words", Kind.BOOLEAN,
          "action", Kind.ACTION),
      "tollgate/prompt_injection", Map.of("threshold", Kind.NUMBER, "extra_patterns", Kind.PATTERNS),
      "tollgate/max_input", Map.of("max_tokens", Kind.POSITIVE_INT, "max_chars", Kind.POSITIVE_INT),
      "tollgate/topics", Map.of("allowed_topics", Kind.TOPICS, "denied_topics", Kind.TOPICS));

  private OptionTypes() {}

  /**
   * Refuses an option of the wrong type with a 400 whose param is {@code prefix.<option>}.
   *
   * @param prefix where the params sit in the body, e.g. {@code guardrail.litellm_params}
   */
  static void check(JsonNode params, String prefix) {
    Map<String, Kind> own = BY_INTEGRATION.getOrDefault(params.path("guardrail").asText(""), Map.of());
    params.properties().forEach(e -> {
      Kind kind = COMMON.getOrDefault(e.getKey(), own.get(e.getKey()));
      if (kind != null && !e.getValue().isNull() && !fits(kind, e.getValue())) {
        throw ApiError.badRequest(prefix + "." + e.getKey() + " must be " + kind.what + ", got " + e.getValue(),
            prefix + "." + e.getKey());
      }
    });
  }

  static boolean fits(Kind kind, JsonNode v) {
    return switch (kind) {
      case BOOLEAN -> v.isBoolean();
      case NUMBER -> v.isNumber();
      case POSITIVE_INT -> v.canConvertToExactIntegral() && v.canConvertToInt() && v.asInt() > 0;
      case STRINGS -> v.isTextual() || v.isArray() && all(v, JsonNode::isTextual);
      case REGEXES -> v.isTextual() ? compiles(v) : v.isArray() && all(v, r -> r.isTextual() && compiles(r));
      case ENTITIES -> v.isTextual() ? entity(v.asText()) : v.isArray() && all(v, e -> e.isTextual()
          && entity(e.asText()));
      case ACTION -> action(v);
      case ACTIONS -> v.isObject() && all(v, OptionTypes::action) && v.properties().stream()
          .allMatch(e -> entity(e.getKey()));
      case TOPICS -> v.isObject() && all(v, t -> fits(Kind.STRINGS, t));
      case PATTERNS -> v.isArray() && all(v, p -> p.isObject() && p.path("pattern").isTextual()
          && compiles(p.get("pattern")) && (!p.has("weight") || p.get("weight").isNumber()));
    };
  }

  private static boolean compiles(JsonNode regex) {
    try {
      java.util.regex.Pattern.compile(regex.asText());
      return true;
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  private static boolean entity(String name) {
    for (PiiDetector.Entity e : PiiDetector.Entity.values()) {
      if (e.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean action(JsonNode v) {
    if (!v.isTextual()) {
      return false;
    }
    String a = v.asText().trim().toUpperCase(Locale.ROOT);
    return a.equals("MASK") || a.equals("BLOCK");
  }

  private static boolean all(JsonNode container, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode item : container) {
      if (!test.test(item)) {
        return false;
      }
    }
    return true;
  }
}
