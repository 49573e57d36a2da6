package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.Deployment;

/**
 * The deployments a {@link RoutingStrategy} may choose from for one request, after cooldowns, tags, context windows,
 * order tiers and limits have been applied. A view over the selector's reused arrays, valid only during
 * {@link RoutingStrategy#choose}: strategies index it from 0 to {@link #size()} and must not keep it.
 */
public interface Candidates {

  /** The selection's clock reading (epoch millis), for state reads of the current minute. */
  long now();

  /** How many deployments are left (at least one when a strategy is asked). */
  int size();

  String id(int i);

  Deployment deployment(int i);

  /** The deployment's {@code weight}; {@code NaN} when it has none. */
  double weight(int i);

  /** The deployment's {@code rpm} limit; -1 when it has none. */
  long rpm(int i);

  /** The deployment's {@code tpm} limit; -1 when it has none. */
  long tpm(int i);

  /** Input plus output price per token in USD; 1.0 when the price is unknown (LiteLLM's rule). */
  double costPerToken(int i);

  /** The deployment's tokens in the current minute, as {@link dev.tollgate.core.router.RouterState#usage} knows. */
  long minuteTokens(int i);

  /** The deployment's calls in flight, as {@link dev.tollgate.core.router.RouterState#inFlight} knows. */
  long inFlight(int i);

  /** A scratch array of at least {@link #size()} doubles the strategy may overwrite (so that it allocates nothing). */
  double[] scratch();
}
