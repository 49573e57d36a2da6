package dev.tollgate.gateway.admin;

import java.util.Collection;

/** "Did you mean" for mistyped field names: the closest known name within edit distance 2. */
final class Suggest {
  private Suggest() {}

  static String closest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
