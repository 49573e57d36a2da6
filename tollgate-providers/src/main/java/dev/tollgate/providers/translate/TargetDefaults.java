package dev.tollgate.providers.translate;

import dev.tollgate.providers.spi.CallTarget;
import java.util.List;
import java.util.Map;

/**
 * Fills a call target's endpoint and key from the environment, as LiteLLM does for each provider: the deployment's
 * own {@code api_base} / {@code api_key} win, then the provider's variables, then the default endpoint.
 *
 * @param defaultBase the endpoint when neither the deployment nor the environment gives one (null: none)
 * @param baseEnv the variable that overrides the endpoint
 * @param keyEnv the variables tried in order for the key
 */
public record TargetDefaults(String defaultBase, String baseEnv, List<String> keyEnv) {

  public TargetDefaults {
    keyEnv = keyEnv == null ? List.of() : List.copyOf(keyEnv);
  }

  public CallTarget apply(CallTarget target, Map<String, String> env) {
    CallTarget out = target;
    if (blank(out.apiBase())) {
      String fromEnv = baseEnv == null ? null : env.get(baseEnv);
      out = out.withApiBase(blank(fromEnv) ? defaultBase : fromEnv);
    }
    if (blank(out.apiKey())) {
      for (String name : keyEnv) {
        if (!blank(env.get(name))) {
          return out.withApiKey(env.get(name));
        }
      }
    }
    return out;
  }

  /** The key variables as a sentence fragment for error messages: {@code A / B}. */
  public String keyVariables() {
    return String.join(" / ", keyEnv);
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
