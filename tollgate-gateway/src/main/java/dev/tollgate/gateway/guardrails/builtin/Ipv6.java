package dev.tollgate.gateway.guardrails.builtin;

/**
 * Checks an IPv6 candidate without any address lookup: eight groups of one to four hex digits, or fewer around one
 * {@code ::}. Short compressed forms that read like code ({@code a::b}) count only with at least three groups and a
 * decimal digit, so {@code std::vector} or {@code Foo::bar} never match.
 */
final class Ipv6 {
  private Ipv6() {}

  static boolean valid(String text, int from, int to) {
    String s = text.substring(from, to);
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    String[] groups = s.split(":", -1);
    int filled = 0;
    boolean digit = false;
    for (String g : groups) {
      if (g.length() > 4) {
        return false;
      }
      if (!g.isEmpty()) {
        filled++;
      }
      for (int i = 0; i < g.length(); i++) {
        digit |= Character.isDigit(g.charAt(i));
      }
    }
    if (gap < 0) {
      return groups.length == 8 && filled == 8;
    }
    return filled <= 7 && filled >= 3 && digit || "::1".equals(s);
  }
}
