package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouterState;
import java.util.random.RandomGenerator;

/**
 * How one deployment is chosen among those that may take a request (LiteLLM's {@code routing_strategy}). The selector
 * does the filtering and takes the rate-limit slot; a strategy only ranks. Implementations are stateless and
 * thread-safe: what they decide on comes from {@link RouterState} and the candidates.
 */
public interface RoutingStrategy {

  /**
   * @param candidates at least one deployment
   * @param random the source of randomness for weighted picks and tie-breaks
   * @return the index (in {@code candidates}) of the chosen deployment
   */
  int choose(Candidates candidates, RouterState state, RouteRequest request, RandomGenerator random);
}
