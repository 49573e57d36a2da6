package dev.tollgate.gateway.guardrails.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {
  @Test
  void everyFixtureValueHasTheExpectedValidity() {
    int checked = 0;
    for (String[] row : Fixtures.rows("checksums.tsv")) {
      boolean expected = Boolean.parseBoolean(row[2]);
      boolean actual = switch (row[0]) {
        case "luhn" -> Checksums.luhn(row[1]);
        case "iban" -> Checksums.iban(row[1]);
        case "ssn" -> {
          String[] p = row[1].split("-");
          yield Checksums.ssn(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        }
        default -> throw new IllegalArgumentException(row[0]);
      };
      assertThat(actual).as(row[0] + " " + row[1]).isEqualTo(expected);
      checked++;
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void luhnNeedsDigits() {
    assertThat(Checksums.luhn("")).isFalse();
    assertThat(Checksums.luhn("abc")).isFalse();
  }

  @Test
  void ibanRejectsForeignCharacters() {
    assertThat(Checksums.iban("GB82 WEST 1234 5698 7654 3!")).isFalse();
  }
}
