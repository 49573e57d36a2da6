package dev.tollgate.gateway.guardrails.stored;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.guardrails.ConfiguredGuardrail;
import dev.tollgate.gateway.http.ApiError;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a guardrail the management API is about to store by building it exactly as it would be served
 * ({@link StoredGuardrails#build}, the config file's rules), and turns what is wrong into a 400 whose {@code param}
 * names the field: an unknown integration, a bad mode, a bad option, an {@code os.environ/} reference to a variable
 * this gateway lacks. Nothing it is given ever becomes a 500.
 */
public final class GuardrailCheck {
  private GuardrailCheck() {}

  /**
   * The guardrail as it would be served.
   *
   * @param params {@code litellm_params} in plaintext (references unresolved)
   * @param prefix where the params sit in the body, e.g. {@code guardrail.litellm_params}
   * @throws ApiError a 400 naming the field
   */
  public static ConfiguredGuardrail build(String name, ObjectNode params, JsonNode info, Map<String, String> env,
      String prefix) {
    List<String> missing = EnvReferences.missing(params, env, prefix);
    if (!missing.isEmpty()) {
      String first = missing.get(0);
      throw ApiError.badRequest(first + " names an environment variable this gateway does not have",
          first.substring(0, first.indexOf(" (")));
    }
    OptionTypes.check(params, prefix);
    try {
      return StoredGuardrails.build(name, params, info, env);
    } catch (ConfigException e) {
      String problem = withoutEntry(e.getMessage());
      throw ApiError.badRequest(problem, param(problem, params, prefix));
    } catch (RuntimeException e) { // a reader that did not expect this shape: still the client's input
      throw ApiError.badRequest(prefix + " cannot be used: " + e.getMessage(), prefix);
    }
  }

  /** "guardrail (name): unknown mode 'x'; ..." reads "unknown mode 'x'; ...". */
  static String withoutEntry(String message) {
    int colon = message.indexOf("): ");
    return message.startsWith("guardrail (") && colon > 0 ? message.substring(colon + 3) : message;
  }

  /** The field a problem is about: the integration, the mode, or the first option the message names. */
  static String param(String problem, JsonNode params, String prefix) {
    if (problem.contains("integration")) {
      return prefix + ".guardrail";
    }
    if (word("mode", problem) || problem.contains("logging_only")) {
      return prefix + ".mode";
    }
    java.util.regex.Matcher named = Pattern.compile("litellm_params\\.([A-Za-z0-9_]+)").matcher(problem);
    if (named.find()) {
      return prefix + "." + named.group(1);
    }
    Iterator<String> names = params.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("guardrail") && word(name, problem)) {
        return prefix + "." + name;
      }
    }
    return prefix;
  }

  private static boolean word(String word, String text) {
    return Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text).find();
  }
}
