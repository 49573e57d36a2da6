package dev.tollgate.providers.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonKeyScanTest {
  private static final JsonKeyScan USAGE = new JsonKeyScan("usage");

  private static boolean objectValue(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return USAGE.valueStartsWith(b, 0, b.length, (byte) '{');
  }

  @Test
  void findsTheKeyWhenItsValueStartsWithTheCharacter() {
    assertThat(objectValue("{\"usage\":{\"prompt_tokens\":1}}")).isTrue();
    assertThat(objectValue("{\"usage\" : \t{}}")).isTrue();
    assertThat(objectValue("{\"a\":1,\"usage\":null,\"b\":{\"usage\":{}}}")).isTrue();
  }

  @Test
  void ignoresOtherValuesAndTheWordInsideStrings() {
    assertThat(objectValue("{\"usage\":null}")).isFalse();
    assertThat(objectValue("{\"content\":\"the \\\"usage\\\": {word}\"}")).isFalse();
    assertThat(objectValue("{\"usages\":{}}")).isFalse();
    assertThat(objectValue("{\"usage\":")).isFalse();
    assertThat(objectValue("")).isFalse();
  }

  @Test
  void looksOnlyInsideTheRange() {
    byte[] b = "xx{\"usage\":{}}yy".getBytes(StandardCharsets.UTF_8);
    assertThat(USAGE.valueStartsWith(b, 2, b.length - 2, (byte) '{')).isTrue();
    assertThat(USAGE.valueStartsWith(b, 4, b.length, (byte) '{')).isFalse();
    assertThat(USAGE.valueStartsWith(b, 0, 11, (byte) '{')).isFalse();
    assertThat(USAGE.occursIn(b, 2, 11)).isTrue();
    assertThat(USAGE.occursIn(b, 4, b.length)).isFalse();
  }
}
