package dev.tollgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.providers.types.Json;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SemanticIndexTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final SemanticIndex index = new SemanticIndex(now::get);

  private static float[] v(double... xs) {
    var array = Json.MAPPER.createArrayNode();
    for (double x : xs) {
      array.add(x);
    }
    return SemanticIndex.unit(array);
  }

  @Test
  void theClosestEntryAboveTheThresholdWins() {
    index.add("g", "east", v(1, 0), 60_000);
    index.add("g", "north-east", v(1, 1), 60_000);
    SemanticIndex.Match m = index.best("g", v(1, 0.1), 0.8);
    assertThat(m.key()).isEqualTo("east");
    assertThat(m.similarity()).isCloseTo(1 / Math.sqrt(1.01), within(1e-6));
    assertThat(index.best("g", v(0, 1), 0.8)).as("north is 45 degrees from north-east: 0.707").isNull();
    assertThat(index.best("g", v(0, 1), 0.7).key()).isEqualTo("north-east");
  }

  @Test
  void scopesAreSeparateAndEntriesExpire() {
    index.add("g", "k", v(1, 0), 1_000);
    assertThat(index.best("other", v(1, 0), 0.5)).isNull();
    now.addAndGet(1_000);
    assertThat(index.best("g", v(1, 0), 0.5)).isNull();
    assertThat(index.size()).isZero();
  }

  @Test
  void zeroOrMissingVectorsAreRefused() {
    assertThat(SemanticIndex.unit(Json.MAPPER.createArrayNode().add(0).add(0))).isNull();
    assertThat(SemanticIndex.unit(null)).isNull();
  }
}
