package dev.tollgate.core.router;

import java.time.Duration;
import java.util.List;

/**
 * How the router treats one deployment: its limits, its share of traffic, its tier and tags, and its own overrides of
 * the router's retry, cooldown and timeout settings. Every field is optional (null: not set, use the router's default).
 *
 * @param rpm requests per minute this deployment may receive (all instances together); null: unlimited
 * @param tpm tokens per minute; null: unlimited
 * @param weight share of traffic for {@code simple-shuffle}; null: not weighted
 * @param order priority tier, lower first (LiteLLM's {@code order}); null: used only when no deployment with an order
 *     is available, as in LiteLLM
 * @param tags deployment tags for tag-based routing ({@code default} marks the pool for untagged requests)
 * @param maxParallelRequests in-flight calls this deployment may have; null: unlimited
 * @param timeout whole-call timeout; null: the router's
 * @param streamTimeout time to the first chunk of a stream; null: the router's
 * @param numRetries retries for calls to this deployment; null: the router's policy
 * @param cooldownTime how long a failing deployment is skipped; null: the router's; zero: never cooled down
 * @param allowedFails failures allowed per minute before a cooldown; null: the router's
 * @param maxInputTokens the context window for pre-call checks ({@code model_info.max_input_tokens}, else the price
 *     table's); null: unknown (never dropped)
 */
public record DeploymentRouting(
    Long rpm,
    Long tpm,
    Double weight,
    Integer order,
    List<String> tags,
    Integer maxParallelRequests,
    Duration timeout,
    Duration streamTimeout,
    Integer numRetries,
    Duration cooldownTime,
    Integer allowedFails,
    Integer maxInputTokens) {

  public static final DeploymentRouting NONE =
      new DeploymentRouting(null, null, null, null, List.of(), null, null, null, null, null, null, null);

  public DeploymentRouting {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
