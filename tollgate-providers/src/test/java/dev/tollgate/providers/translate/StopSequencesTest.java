package dev.tollgate.providers.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.types.Json;
import org.junit.jupiter.api.Test;

class StopSequencesTest {
  @Test
  void aStringOrAnArrayBecomesAList() {
    assertThat(StopSequences.of(Json.tree("\"END\"".getBytes()))).containsExactly("END");
    assertThat(StopSequences.of(Json.tree("[\"a\",\"b\"]".getBytes()))).containsExactly("a", "b");
    assertThat(StopSequences.of(null)).isEmpty();
  }
}
