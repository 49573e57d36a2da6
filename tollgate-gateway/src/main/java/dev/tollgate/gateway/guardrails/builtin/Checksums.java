package dev.tollgate.gateway.guardrails.builtin;

/**
 * The validity rules that separate real identifiers from look-alike digit runs: Luhn for card numbers, ISO 13616
 * mod-97 for IBANs, and the SSA's area/group/serial rules for US social security numbers.
 */
public final class Checksums {
  private Checksums() {}

  /** True when the digits of {@code s} (other characters ignored) pass the Luhn check. */
  public static boolean luhn(CharSequence s) {
    int sum = 0;
    boolean twice = false;
    int digits = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }

  /** True when {@code s} (spaces ignored) is 15 to 34 characters and its mod-97 remainder is 1, as ISO 13616. */
  public static boolean iban(CharSequence s) {
    StringBuilder compact = new StringBuilder(34);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ') {
        compact.append(Character.toUpperCase(c));
      }
    }
    int n = compact.length();
    if (n < 15 || n > 34) {
      return false;
    }
    int remainder = 0;
    for (int k = 0; k < n; k++) {
      char c = compact.charAt((k + 4) % n); // the first four characters move to the end
      if (c >= '0' && c <= '9') {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return remainder == 1;
  }

  /**
   * True when area-group-serial can be a US SSN: area not 000, 666 or 900-999; group not 00; serial not 0000.
   */
  public static boolean ssn(int area, int group, int serial) {
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }
}
