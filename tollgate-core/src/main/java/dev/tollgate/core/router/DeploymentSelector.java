package dev.tollgate.core.router;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Chooses the deployment for one attempt within a model group: drops deployments that are cooling down, that do not
 * carry the request's tags, whose context window is too small (pre-call checks), that are at their rpm/tpm or
 * parallel limit; keeps the lowest {@code order} tier that has any left; lets the routing strategy choose; and takes
 * the chosen deployment's rpm slot atomically through {@link RouterState#tryAcquire} (choosing again when it is
 * refused).
 */
public interface DeploymentSelector {

  /**
   * @param group the resolved model group
   * @param avoid ids of deployments this request already tried; chosen only when no other deployment is left
   * @return the pick, its rpm slot taken; fails with {@code RateLimitException} (429) {@code "No deployments available
   *     for selected model, Try again in N seconds. Passed model=..."} when none is available, the seconds being the
   *     earliest cooldown end (or the rest of the minute when limits are the reason)
   */
  CompletionStage<ModelGroups.Pick> select(ModelGroups.Group group, RouteRequest request, Set<String> avoid);
}
