package dev.tollgate.core.router;

import dev.tollgate.core.cost.CostCalculator;
import java.util.List;

/**
 * A model group's deployments unpacked once into arrays (ids, limits, weights, tiers, tags), so that selecting a
 * deployment reads flat arrays instead of records and boxed numbers. Prices and context windows are looked up on
 * first use. Immutable apart from those two lazily filled arrays (filling them twice in a race is harmless).
 */
final class GroupPlan {
  static final long NO_ORDER = Long.MAX_VALUE;

  final List<Deployment> source;
  final int size;
  final Deployment[] deployments;
  final String[] ids;
  final long[] rpm;
  final long[] tpm;
  final long[] maxParallel;
  final double[] weight;
  final long[] order;
  final boolean[] wildcard;
  final String[][] tags;
  /** Indexes of the deployments tagged {@code default}: the pool for untagged requests when tag filtering is on. */
  final int[] defaultPool;
  /** Some deployment has an rpm, tpm or parallel limit: the local limit check is needed. */
  final boolean anyLimit;
  /** Some deployment has a tpm limit: the prompt's tokens are needed. */
  final boolean anyTpm;
  /** Every deployment is in the same order tier. */
  final boolean oneTier;
  private final CostCalculator costs;
  private volatile double[] costPerToken;
  private volatile long[] contextWindow;

  /** The in-memory state's counters of each deployment (no map lookups in the hot loop); null for other states. */
  final InMemoryRouterState.DeploymentCounters[] counters;

  GroupPlan(List<Deployment> source, CostCalculator costs, InMemoryRouterState memory) {
    this.source = source;
    this.costs = costs;
    size = source.size();
    deployments = source.toArray(new Deployment[0]);
    ids = new String[size];
    rpm = new long[size];
    tpm = new long[size];
    maxParallel = new long[size];
    weight = new double[size];
    order = new long[size];
    wildcard = new boolean[size];
    tags = new String[size][];
    counters = memory == null ? null : new InMemoryRouterState.DeploymentCounters[size];
    int defaults = 0;
    boolean limit = false;
    boolean tpmLimit = false;
    for (int i = 0; i < size; i++) {
      Deployment d = deployments[i];
      DeploymentRouting r = d.routing();
      ids[i] = d.id();
      if (counters != null) {
        counters[i] = memory.countersOf(d.id());
      }
      rpm[i] = r.rpm() == null ? -1 : Math.max(0, r.rpm());
      tpm[i] = r.tpm() == null ? -1 : Math.max(0, r.tpm());
      maxParallel[i] = r.maxParallelRequests() == null ? -1 : Math.max(0, r.maxParallelRequests());
      weight[i] = r.weight() == null ? Double.NaN : r.weight();
      order[i] = r.order() == null ? NO_ORDER : r.order();
      wildcard[i] = d.litellmModel() != null && d.litellmModel().indexOf('*') >= 0;
      tags[i] = r.tags().toArray(new String[0]);
      limit |= rpm[i] >= 0 || tpm[i] >= 0 || maxParallel[i] >= 0;
      tpmLimit |= tpm[i] >= 0;
      if (r.tags().contains("default")) {
        defaults++;
      }
    }
    anyLimit = limit;
    anyTpm = tpmLimit;
    boolean same = true;
    for (int i = 1; i < size; i++) {
      same &= order[i] == order[0];
    }
    oneTier = same;
    defaultPool = new int[defaults];
    for (int i = 0, k = 0; i < size; i++) {
      if (r(i).tags().contains("default")) {
        defaultPool[k++] = i;
      }
    }
  }

  private DeploymentRouting r(int i) {
    return deployments[i].routing();
  }

  /** True when the deployment has a local rpm/tpm limit (its slot must be taken through tryAcquire with limits). */
  boolean hasRateLimit(int i) {
    return rpm[i] >= 0 || tpm[i] >= 0;
  }

  /** Input plus output USD per token of deployment {@code i}, for a request that matched {@code wildcardMatch}. */
  double costPerToken(int i, String wildcardMatch) {
    if (wildcard[i]) {
      return DeploymentPrices.costPerToken(DeploymentPrices.of(deployments[i], wildcardMatch, costs));
    }
    double[] c = costPerToken;
    if (c == null) {
      c = new double[size];
      for (int k = 0; k < size; k++) {
        c[k] = wildcard[k] ? Double.NaN
            : DeploymentPrices.costPerToken(DeploymentPrices.of(deployments[k], null, costs));
      }
      costPerToken = c;
    }
    return c[i];
  }

  /** The context window of deployment {@code i} in tokens; -1 when unknown. */
  long contextWindow(int i, String wildcardMatch) {
    if (wildcard[i]) {
      return window(i, wildcardMatch);
    }
    long[] w = contextWindow;
    if (w == null) {
      w = new long[size];
      for (int k = 0; k < size; k++) {
        w[k] = wildcard[k] ? -1 : window(k, null);
      }
      contextWindow = w;
    }
    return w[i];
  }

  private long window(int i, String wildcardMatch) {
    Deployment d = deployments[i];
    if (d.routing().maxInputTokens() != null) {
      return d.routing().maxInputTokens();
    }
    return DeploymentPrices.contextWindow(d, DeploymentPrices.of(d, wildcardMatch, costs));
  }

  /** Whether deployment {@code i}'s tags match the request's: any of them, or all of them. */
  boolean tagsMatch(int i, List<String> requested, boolean matchAny) {
    String[] own = tags[i];
    if (own.length == 0) {
      return false;
    }
    int n = requested.size();
    for (int k = 0; k < n; k++) {
      boolean has = contains(own, requested.get(k));
      if (matchAny && has) {
        return true;
      }
      if (!matchAny && !has) {
        return false;
      }
    }
    return !matchAny;
  }

  private static boolean contains(String[] values, String v) {
    for (String s : values) {
      if (s.equals(v)) {
        return true;
      }
    }
    return false;
  }
}
