package dev.tollgate.gateway.budgets;

/**
 * Told when a key or an entity first reaches its {@code soft_budget} in a budget period (LiteLLM's soft-budget alert:
 * the request still goes through). Called on the request's event loop: implementations must not block (queue the
 * alert and send it elsewhere).
 */
@FunctionalInterface
public interface SoftBudgetAlert {
  /**
   * @param kind {@code key}, {@code user}, {@code team}, {@code organization} or {@code end_user}
   * @param id the key hash or the entity id
   * @param spend its spend, stored plus not yet written
   */
  void crossed(String kind, String id, double spend, double softBudget);
}
