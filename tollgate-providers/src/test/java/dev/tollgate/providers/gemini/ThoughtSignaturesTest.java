package dev.tollgate.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThoughtSignaturesTest {

  @Test
  void aSignatureSurvivesTheIdRoundTripAndKeepsTheIdToSafeCharacters() {
    String signature = "CiQB+/+/AA=="; // standard base64 with + and /
    String id = ThoughtSignatures.newCallId(signature);
    assertThat(id).matches("call_[0-9a-f]{24}__ts_[A-Za-z0-9_-]+");
    assertThat(ThoughtSignatures.fromCallId(id)).isEqualTo(signature);
  }

  @Test
  void idsWithoutASignatureCarryNone() {
    String id = ThoughtSignatures.newCallId(null);
    assertThat(id).matches("call_[0-9a-f]{24}");
    assertThat(ThoughtSignatures.fromCallId(id)).isNull();
    assertThat(ThoughtSignatures.fromCallId("call_abc")).isNull();
    assertThat(ThoughtSignatures.fromCallId(null)).isNull();
    assertThat(ThoughtSignatures.newCallId("")).doesNotContain(ThoughtSignatures.MARK);
  }

  @Test
  void freshIdsDiffer() {
    assertThat(ThoughtSignatures.newCallId(null)).isNotEqualTo(ThoughtSignatures.newCallId(null));
  }
}
