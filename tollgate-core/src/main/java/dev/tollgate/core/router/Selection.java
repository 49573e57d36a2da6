package dev.tollgate.core.router;

import dev.tollgate.core.router.strategy.Candidates;
import java.util.Set;

/**
 * The working state of one {@link StrategySelector#select} call: index arrays over the group's {@link GroupPlan},
 * reused by each thread so that a selection allocates nothing, and copied ({@link #detach}) only when a shared state's
 * {@code tryAcquire} does not complete at once. As {@link Candidates} it shows the current order tier to the
 * strategy.
 */
final class Selection implements Candidates {
  private final RouterState state;
  GroupPlan plan;
  ModelGroups.Group group;
  RouteRequest request;
  Set<String> avoid;
  long now;
  boolean inUse;

  /** Deployments of the tier being tried. */
  int[] tier = new int[16];
  int tierCount;
  /** Deployments of later tiers (of the current pass) not tried yet. */
  int[] work = new int[16];
  int workCount;
  /** Deployments the request already tried: the second pass, when nothing else is left. */
  int[] avoided = new int[16];
  int avoidedCount;
  /** 0: deployments not in {@code avoid}; 1: the avoided ones. */
  int pass;
  int[] cooling = new int[16];
  int coolingCount;
  long earliestCooldownEnd;
  /** Some deployment was skipped for its rpm/tpm/parallel limit or refused by tryAcquire. */
  boolean limited;
  private long promptTokens;
  private boolean promptCounted;
  double[] scratch = new double[16];

  Selection(RouterState state) {
    this.state = state;
  }

  void begin(GroupPlan plan, ModelGroups.Group group, RouteRequest request, Set<String> avoid, long now) {
    this.plan = plan;
    this.group = group;
    this.request = request;
    this.avoid = avoid;
    this.now = now;
    int n = plan.size;
    if (tier.length < n) {
      int length = Math.max(n, tier.length * 2);
      tier = new int[length];
      work = new int[length];
      avoided = new int[length];
      cooling = new int[length];
      scratch = new double[length];
    }
    tierCount = 0;
    workCount = 0;
    avoidedCount = 0;
    pass = 0;
    coolingCount = 0;
    earliestCooldownEnd = Long.MAX_VALUE;
    limited = false;
    promptCounted = false;
    promptTokens = 0;
  }

  /** Drops references to the request so that a thread's reused selection does not keep it alive. */
  void end() {
    plan = null;
    group = null;
    request = null;
    avoid = null;
    inUse = false;
  }

  long promptTokens() {
    if (!promptCounted) {
      promptTokens = request.countPromptTokens();
      promptCounted = true;
    }
    return promptTokens;
  }

  /** Removes the tier entry at {@code pos}, keeping the others in order. */
  void removeFromTier(int pos) {
    System.arraycopy(tier, pos + 1, tier, pos, tierCount - pos - 1);
    tierCount--;
  }

  /** A private copy for a selection that continues on another thread. */
  Selection detach() {
    Selection s = new Selection(state);
    s.plan = plan;
    s.group = group;
    s.request = request;
    s.avoid = avoid;
    s.now = now;
    s.inUse = true;
    s.tier = tier.clone();
    s.tierCount = tierCount;
    s.work = work.clone();
    s.workCount = workCount;
    s.avoided = avoided.clone();
    s.avoidedCount = avoidedCount;
    s.pass = pass;
    s.cooling = cooling.clone();
    s.coolingCount = coolingCount;
    s.earliestCooldownEnd = earliestCooldownEnd;
    s.limited = limited;
    s.promptTokens = promptTokens;
    s.promptCounted = promptCounted;
    s.scratch = new double[scratch.length];
    return s;
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public int size() {
    return tierCount;
  }

  @Override
  public String id(int i) {
    return plan.ids[tier[i]];
  }

  @Override
  public Deployment deployment(int i) {
    return plan.deployments[tier[i]];
  }

  @Override
  public double weight(int i) {
    return plan.weight[tier[i]];
  }

  @Override
  public long rpm(int i) {
    return plan.rpm[tier[i]];
  }

  @Override
  public long tpm(int i) {
    return plan.tpm[tier[i]];
  }

  @Override
  public double costPerToken(int i) {
    return plan.costPerToken(tier[i], group.wildcardMatch());
  }

  @Override
  public long minuteTokens(int i) {
    return tokensOf(tier[i]);
  }

  @Override
  public long inFlight(int i) {
    return inFlightOf(tier[i]);
  }

  /** The deployment's cooldown end, as {@link RouterState#cooldownUntil} knows (d: an index into the plan). */
  long cooldownUntil(int d) {
    return plan.counters != null ? plan.counters[d].cooldownUntil : state.cooldownUntil(plan.ids[d]);
  }

  /** The deployment's tokens this minute (d: an index into the plan). */
  long tokensOf(int d) {
    return plan.counters != null ? plan.counters[d].tokensIn(now / 60_000) : state.usage(plan.ids[d], now).tokens();
  }

  /** The deployment's calls in flight (d: an index into the plan). */
  long inFlightOf(int d) {
    return plan.counters != null ? plan.counters[d].inFlight : state.inFlight(plan.ids[d]);
  }

  /** The deployment's requests this minute (d: an index into the plan). */
  long requestsOf(int d) {
    return plan.counters != null ? plan.counters[d].requestsIn(now / 60_000) : state.usage(plan.ids[d], now).requests();
  }

  @Override
  public double[] scratch() {
    return scratch;
  }
}
