package dev.tollgate.gateway.guardrails.builtin;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds tokens that look random: at least {@code minLength} characters of {@code [A-Za-z0-9+/_-]} (base64 padding allowed at the end, so
 * {@code name=value} is two tokens), with both letters
 * and digits, whose Shannon entropy is at least {@code threshold} bits per character. Ordinary words (no digits),
 * numbers (no letters), UUIDs and hex digests (at most 4 bits per character, below the default 4.0 when the token is
 * not hex-only) are not flagged unless {@code includeHex} asks for hex.
 */
public final class EntropyTokens implements SpanDetector {
  public static final String ENTITY = "HIGH_ENTROPY_SECRET";
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private final int minLength;
  private final double threshold;
  private final boolean includeHex;

  public EntropyTokens(int minLength, double threshold, boolean includeHex) {
    this.minLength = minLength;
    this.threshold = threshold;
    this.includeHex = includeHex;
  }

  @Override
  public java.util.Set<String> entities() {
    return java.util.Set.of(ENTITY);
  }

  @Override
  public void find(String text, List<Span> out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && !tokenChar(text.charAt(i))) {
        i++;
      }
      int from = i;
      while (i < n && tokenChar(text.charAt(i))) {
        i++;
      }
      int to = i;
      while (i < n && i - to < 2 && text.charAt(i) == '=') { // base64 padding
        i++;
      }
      to = i;
      if (to - from < minLength || !SecretDetector.hasDigitAndLetter(text, from, to)) {
        continue;
      }
      String token = text.substring(from, to);
      if (UUID.matcher(token).matches() || (!includeHex && isHex(token)) || isPath(token)) {
        continue;
      }
      if (shannon(token) >= threshold) {
        out.add(new Span(from, to, ENTITY));
      }
    }
  }

  private static boolean tokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '_' || c == '-';
  }

  /** Shannon entropy of {@code s} in bits per character. */
  public static double shannon(CharSequence s) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double n = s.length();
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = c / n;
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    if (other > 0) {
      double p = other / n;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
      if (!hex) {
        return false;
      }
    }
    return true;
  }

  /** Paths and dotted or dashed identifiers ({@code com/example/v2/Foo}, {@code my-service-v2-prod-eu1}). */
  private static boolean isPath(String s) {
    int separators = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '-' || c == '_') {
        separators++;
      }
    }
    return separators * 8 >= s.length();
  }
}
