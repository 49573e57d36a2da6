package dev.tollgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessAgeTest {
  @Test
  void ageIsTheTimeSinceBootMinusTheStartTickEvenWhenTheCommandNameHoldsSpacesAndParentheses() throws IOException {
    // start tick 412345 = 4123.45 s after boot; uptime 4125.87 s
    assertThat(ProcessAge.millis(fixture("cli/proc-self-stat.txt"), fixture("cli/proc-uptime.txt")))
        .isEqualTo(2_420);
  }

  @Test
  void anUptimeBehindTheStartTickGivesZeroNotANegativeAge() throws IOException {
    assertThat(ProcessAge.millis(fixture("cli/proc-self-stat.txt"), "4123.00 7000.00\n")).isZero();
  }

  @Test
  void thisProcessIsOlderThanZeroAndYoungerThanADay() {
    OptionalLong age = ProcessAge.millis();
    assertThat(age).isPresent();
    assertThat(age.getAsLong()).isPositive().isLessThan(86_400_000L);
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = ProcessAgeTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
