package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Equal texts come back as one instance; any text comes back equal. */
class SharedStringsTest {
  @Test
  void anEqualTextSeenBeforeComesBackAsTheInstanceSeen() {
    String first = SharedStrings.of(new String("bench-model-" + 42));
    String second = SharedStrings.of(new String("bench-model-" + 42));
    assertThat(second).isSameAs(first);
  }

  @Test
  void everyTextComesBackEqualEvenWhenManyShareTheTable() {
    for (int i = 0; i < 5_000; i++) {
      String text = "end-user-" + i;
      assertThat(SharedStrings.of(text)).isEqualTo(text);
    }
    assertThat(SharedStrings.of(null)).isNull();
    assertThat(SharedStrings.of("")).isEmpty();
  }

  @Test
  void aRowSharesTheTextsOfAnEarlierRow() {
    var call = FixtureCalls.record(FixtureCalls.fixture("/spend/store-batch.json").get("calls").get(0));
    var again = FixtureCalls.record(FixtureCalls.fixture("/spend/store-batch.json").get("calls").get(0));
    assertThat(again.modelGroup).isEqualTo(call.modelGroup).isNotSameAs(call.modelGroup); // parsed twice
    SpendRow a = SpendRow.of(call);
    SpendRow b = SpendRow.of(again);
    assertThat(b.modelGroup()).isSameAs(a.modelGroup());
    assertThat(b.model()).isSameAs(a.model());
    assertThat(b.provider()).isSameAs(a.provider());
    assertThat(b.apiBase()).isSameAs(a.apiBase());
    assertThat(b.deploymentId()).isSameAs(a.deploymentId());
    assertThat(b.requesterIp()).isSameAs(a.requesterIp());
    assertThat(b.endUser()).isSameAs(a.endUser());
  }
}
