package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The semantic cache's in-process vector index: unit vectors of stored prompts (the embedding of the last user
 * message), each pointing at the exact cache key its answer is stored under, within a scope (model group and
 * namespace). {@link #best} is a linear cosine-similarity scan, bounded by {@link #MAX_ENTRIES} (oldest dropped
 * first), so a lookup costs at most a few milliseconds of CPU. Entries expire with their answer's TTL.
 */
public final class SemanticIndex {
  /** Bound on indexed prompts (a 1536-dimension scan of all of them is about 8M multiply-adds). */
  public static final int MAX_ENTRIES = 5_000;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final LongSupplier clock;

  private record Entry(String scope, String key, float[] vector, long expiresAtMillis) {}

  /** The closest entry of a scope and its cosine similarity. */
  public record Match(String key, double similarity) {}

  public SemanticIndex(LongSupplier clock) {
    this.clock = clock;
  }

  public synchronized void add(String scope, String key, float[] unitVector, long ttlMillis) {
    entries.removeIf(e -> e.key.equals(key));
    if (entries.size() >= MAX_ENTRIES) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(scope, key, unitVector, clock.getAsLong() + ttlMillis));
  }

  /** The most similar live entry of {@code scope} at or above {@code threshold}, or null. */
  public synchronized Match best(String scope, float[] unitVector, double threshold) {
    long now = clock.getAsLong();
    Match best = null;
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.expiresAtMillis <= now) {
        it.remove();
        continue;
      }
      if (!e.scope.equals(scope) || e.vector.length != unitVector.length) {
        continue;
      }
      double dot = 0;
      for (int i = 0; i < unitVector.length; i++) {
        dot += e.vector[i] * unitVector[i];
      }
      if (dot >= threshold && (best == null || dot > best.similarity())) {
        best = new Match(e.key, dot);
      }
    }
    return best;
  }

  public synchronized void remove(List<String> keys) {
    entries.removeIf(e -> keys.contains(e.key));
  }

  public synchronized void clear() {
    entries.clear();
  }

  public synchronized int size() {
    return entries.size();
  }

  /** {@code embedding} (a JSON array of numbers) scaled to length 1, or null when it is not a usable vector. */
  public static float[] unit(JsonNode embedding) {
    if (embedding == null || !embedding.isArray() || embedding.isEmpty()) {
      return null;
    }
    float[] v = new float[embedding.size()];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) embedding.get(i).asDouble();
      norm += v[i] * v[i];
    }
    if (norm == 0) {
      return null;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }
}
