package dev.tollgate.core.router;

import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.RateLimitException;
import java.time.Duration;
import java.util.List;

/**
 * The errors a selection fails with, worded as LiteLLM words them where clients or the router match on the text
 * ({@code No deployments available ...}, the tag-routing 401).
 */
public final class SelectionErrors {
  /** The start of the 429 message when no deployment of a group can take a request. */
  public static final String NO_DEPLOYMENTS = "No deployments available for selected model";
  /** The start of the 401 message when no deployment carries the request's tags. */
  public static final String TAGS_NOT_ALLOWED = "Not allowed to access model due to tags configuration";

  private SelectionErrors() {}

  /**
   * {@code No deployments available for selected model, Try again in N seconds. Passed model=M.
   * pre-call-checks=False, cooldown_list=['id1', 'id2']}, the boolean and the list written as LiteLLM (Python)
   * writes them.
   */
  static RateLimitException noDeployments(String model, long retryAfterSeconds, boolean preCallChecks,
      List<String> coolingIds) {
    String message = NO_DEPLOYMENTS + ", Try again in " + retryAfterSeconds + " seconds. Passed model=" + model
        + ". pre-call-checks=" + (preCallChecks ? "True" : "False") + ", cooldown_list=" + pythonList(coolingIds);
    return new RateLimitException(message, null, model, Duration.ofSeconds(retryAfterSeconds));
  }

  static AuthenticationException tagsNotAllowed(String model, List<String> tags) {
    return new AuthenticationException(
        TAGS_NOT_ALLOWED + ". Passed model=" + model + " and tags=" + pythonList(tags), null, model);
  }

  static ContextWindowExceededException contextWindowExceeded(String model, long promptTokens) {
    return new ContextWindowExceededException("The prompt (" + promptTokens + " tokens) does not fit the context"
        + " window of any deployment of model group " + model, null, model);
  }

  private static String pythonList(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('\'').append(values.get(i)).append('\'');
    }
    return out.append(']').toString();
  }
}
