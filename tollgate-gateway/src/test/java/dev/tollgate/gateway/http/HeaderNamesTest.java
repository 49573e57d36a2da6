package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderNamesTest {
  @Test
  void numbersReadAsTheirDecimalTextInsideAndOutsideThePreEncodedRange() {
    for (long n : new long[] {0, 1, 5, 15, 16, 157, 1_000_000, -1}) {
      assertThat(HeaderNames.number(n).toString()).isEqualTo(Long.toString(n));
    }
  }

  @Test
  void namesAreTheLowerCaseLiteLlmHeaders() {
    assertThat(HeaderNames.CALL_ID.toString()).isEqualTo("x-litellm-call-id");
    assertThat(HeaderNames.RESPONSE_COST.toString()).isEqualTo("x-litellm-response-cost");
    assertThat(HeaderNames.KEY_SPEND.toString()).isEqualTo("x-litellm-key-spend");
  }
}
