package dev.tollgate.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void uuidIsARandomVersion4Uuid() {
    UUID id = UUID.fromString(Ids.uuid());
    assertThat(id.version()).isEqualTo(4);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void timeOrderedUuidIsVersion7AndCarriesTheMillisecond() {
    long millis = 1_795_000_000_123L;
    String text = Ids.timeOrderedUuid(millis);
    UUID id = UUID.fromString(text);
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    assertThat(text).hasSize(36);
  }

  @Test
  void timeOrderedUuidsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
    String earlier = Ids.timeOrderedUuid(1_795_000_000_000L);
    String later = Ids.timeOrderedUuid(1_795_000_000_001L);
    assertThat(later).isGreaterThan(earlier);
  }

  @Test
  void timeOrderedUuidsOfOneMillisecondDiffer() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.timeOrderedUuid(1_795_000_000_000L));
    }
    assertThat(ids).hasSize(10_000);
  }
}
