package dev.tollgate.core.router.strategy;

import java.util.random.RandomGenerator;

/** Picks uniformly among the candidates whose score is the lowest (within a tolerance), with one random draw. */
final class Ties {
  private Ties() {}

  /**
   * @param scores one score per candidate, the first {@code size} used
   * @param ceiling every candidate scoring at most this is a tie; pass the minimum for exact ties
   */
  static int pickAtMost(double[] scores, int size, double ceiling, RandomGenerator random) {
    int ties = 0;
    for (int i = 0; i < size; i++) {
      if (scores[i] <= ceiling) {
        ties++;
      }
    }
    int k = ties <= 1 ? 0 : random.nextInt(ties);
    for (int i = 0; i < size; i++) {
      if (scores[i] <= ceiling && k-- == 0) {
        return i;
      }
    }
    return 0;
  }

  static double min(double[] scores, int size) {
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < size; i++) {
      if (scores[i] < min) {
        min = scores[i];
      }
    }
    return min;
  }
}
