package dev.tollgate.core.router;

import dev.tollgate.core.cost.CostCalculator;
import java.util.List;

/**
 * The {@link GroupPlan} of each deployment list, found by the list's identity (a {@link ModelGroups} hands out the
 * same immutable list for every request to a group, and hashing a list of records would cost more than the
 * selection). Reads are lock-free over a copy-on-write open-addressing table; a miss builds the plan and publishes a
 * new table. Bounded: past {@link #MAX_ENTRIES} lists (config reloads leave old lists behind) the table starts over.
 */
final class GroupPlans {
  static final int MAX_ENTRIES = 4096;

  private final CostCalculator costs;
  private final InMemoryRouterState memory;
  private volatile GroupPlan[] table = new GroupPlan[16];
  private int count;

  GroupPlans(CostCalculator costs, InMemoryRouterState memory) {
    this.costs = costs;
    this.memory = memory;
  }

  GroupPlan of(List<Deployment> deployments) {
    GroupPlan[] t = table;
    int mask = t.length - 1;
    for (int i = System.identityHashCode(deployments) & mask; ; i = (i + 1) & mask) {
      GroupPlan p = t[i];
      if (p == null) {
        break;
      }
      if (p.source == deployments) {
        return p;
      }
    }
    return add(deployments);
  }

  private synchronized GroupPlan add(List<Deployment> deployments) {
    GroupPlan[] t = table;
    for (GroupPlan p : t) {
      if (p != null && p.source == deployments) {
        return p;
      }
    }
    GroupPlan plan = new GroupPlan(deployments, costs, memory);
    GroupPlan[] next;
    if (count >= MAX_ENTRIES) {
      next = new GroupPlan[16];
      count = 0;
    } else {
      int length = t.length;
      while ((count + 1) * 2 > length) {
        length *= 2;
      }
      next = new GroupPlan[length];
      for (GroupPlan p : t) {
        if (p != null) {
          put(next, p);
        }
      }
    }
    put(next, plan);
    count++;
    table = next;
    return plan;
  }

  private static void put(GroupPlan[] t, GroupPlan p) {
    int mask = t.length - 1;
    int i = System.identityHashCode(p.source) & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = p;
  }
}
