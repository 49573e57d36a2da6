package dev.tollgate.core.router;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One request as the router sees it: the model asked for and the per-request routing controls (LiteLLM's body fields
 * {@code num_retries}, {@code timeout}, {@code stream_timeout}, {@code fallbacks}, {@code disable_fallbacks},
 * {@code tags}, and the {@code x-litellm-*} headers).
 *
 * @param model the requested model (a model group, alias, or a name a wildcard group matches)
 * @param tags request tags for tag-based routing; empty when none
 * @param stream whether the call streams ({@code stream_timeout} applies, latency is time to first token)
 * @param promptTokens counts the prompt's tokens, called only when needed (pre-call checks, tpm limits); may be null
 *     (then counted as 0)
 * @param numRetries per-request retries; null: the policy's
 * @param timeout per-request deadline for all attempts together; null: the router's/deployment's
 * @param streamTimeout per-request time to first chunk; null: the router's/deployment's
 * @param fallbacks per-request fallback groups (replace the configured ones); null: the configured ones
 * @param disableFallbacks no fallbacks at all for this request
 * @param trace filled in as the request is routed (attempts, fallbacks, last pick), also when it fails; may be null
 */
public record RouteRequest(
    String model,
    List<String> tags,
    boolean stream,
    LongSupplier promptTokens,
    Integer numRetries,
    Duration timeout,
    Duration streamTimeout,
    List<String> fallbacks,
    boolean disableFallbacks,
    RouteTrace trace) {

  public RouteRequest {
    tags = tags == null ? List.of() : List.copyOf(tags);
    fallbacks = fallbacks == null ? null : List.copyOf(fallbacks);
  }

  /** A request for {@code model} with no per-request controls. */
  public static RouteRequest of(String model) {
    return new RouteRequest(model, List.of(), false, null, null, null, null, null, false, new RouteTrace());
  }

  /** The prompt's token count, 0 when no counter was given. */
  public long countPromptTokens() {
    return promptTokens == null ? 0 : promptTokens.getAsLong();
  }
}
