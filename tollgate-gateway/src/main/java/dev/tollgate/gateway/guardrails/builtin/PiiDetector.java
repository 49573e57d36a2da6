package dev.tollgate.gateway.guardrails.builtin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data with Presidio's entity names: {@code EMAIL_ADDRESS}, {@code PHONE_NUMBER}, {@code CREDIT_CARD}
 * (13-19 digits passing Luhn, issuer prefix 2-6), {@code IBAN_CODE} (mod-97), {@code US_SSN} (dashed or spaced, with
 * the SSA validity rules) and {@code IP_ADDRESS} (IPv4, IPv6). Patterns are compiled once; candidates that fail their
 * checksum are not findings, so order numbers, dates, versions and prices are left alone. A phone number needs a
 * country code ({@code +44 20 7946 0958}) or separators ({@code (415) 555-0132}, {@code 415-555-0132}): a bare run
 * of digits is never one.
 *
 * <p>Speed: the patterns run only where they can match: e-mail around each {@code @}, IBAN where two capitals
 * and two digits start, IPv6 around runs of hex digits
 * with two or more colons, and the digit-based entities around each run of digits (joined by separators) that has
 * enough digits for them; one pass over the text finds those places.
 */
public final class PiiDetector implements SpanDetector {
  /** The entity types, as Presidio names them. */
  public enum Entity { EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS }

  private static final Pattern EMAIL = Pattern.compile(
      "(?=[A-Za-z0-9])(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![\\w-])");
  private static final Pattern PHONE_INTERNATIONAL = Pattern.compile(
      "\\+(?<![\\w+].)\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?)(?:[ .-]?\\d{2,4}){1,4}(?![\\w-])");
  private static final Pattern PHONE_NATIONAL = Pattern.compile(
      "(?=[(\\d])(?<![\\w-])(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\w-])");
  private static final Pattern CARD = Pattern.compile("[2-6](?<![\\w-].)\\d{3}(?:[ -]?\\d){9,15}(?![\\w-])");
  private static final Pattern IBAN = Pattern.compile(
      "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])");
  private static final Pattern SSN = Pattern.compile("(?=\\d)(?<![\\w-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\w-])");
  private static final Pattern IPV4 = Pattern.compile(
      "(?=\\d)(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.])");
  private static final Pattern IPV6 = Pattern.compile("(?=[0-9A-Fa-f:])(?<![\\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\w:])");

  /**
   * {@link #reach()} when e-mail addresses are looked for: an address is at most 64 + 1 + 255 characters, found from
   * the 65 characters before its {@code @} to the 256 after it, so whether a character is part of one is decided by
   * the 322 characters on either side.
   */
  static final int EMAIL_REACH = 330;
  /**
   * {@link #reach()} for the other entities: the longest (an IBAN, 43 characters; an IPv6 address, 39; a grouped card
   * number, 34) and the character on either side their patterns look at.
   */
  static final int OTHER_REACH = 64;

  private final Set<Entity> entities;

  /** @param entities the types to look for */
  public PiiDetector(Set<Entity> entities) {
    this.entities = entities.isEmpty() ? EnumSet.noneOf(Entity.class) : EnumSet.copyOf(entities);
  }

  /** Looks for every type. */
  public static PiiDetector all() {
    return new PiiDetector(EnumSet.allOf(Entity.class));
  }

  @Override
  public Set<String> entities() {
    Set<String> names = new java.util.LinkedHashSet<>();
    entities.forEach(e -> names.add(e.name()));
    return names;
  }

  @Override
  public int reach() {
    return entities.contains(Entity.EMAIL_ADDRESS) ? EMAIL_REACH : OTHER_REACH;
  }

  @Override
  public void find(String text, List<Span> out) {
    if (entities.contains(Entity.EMAIL_ADDRESS)) {
      for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
        int from = Math.max(0, at - 65);
        int to = Math.min(text.length(), at + 256);
        Matcher m = region(EMAIL, text, from, to);
        while (m.find()) {
          if (m.start() <= at && at < m.end()) {
            out.add(new Span(m.start(), m.end(), Entity.EMAIL_ADDRESS.name()));
          }
        }
      }
    }
    if (entities.contains(Entity.IBAN_CODE)) {
      for (int k = 0; k + 3 < text.length(); k++) { // an IBAN starts with two capitals and two digits
        if (upper(text.charAt(k)) && upper(text.charAt(k + 1)) && digit(text.charAt(k + 2))
            && digit(text.charAt(k + 3))) {
          Matcher m = region(IBAN, text, k, Math.min(text.length(), k + 44));
          if (m.lookingAt() && Checksums.iban(text.subSequence(m.start(), m.end()))) {
            out.add(new Span(m.start(), m.end(), Entity.IBAN_CODE.name()));
            k = m.end() - 1;
          }
        }
      }
    }
    // the digit-based entities are looked for only around runs of digits (joined by separators) long enough to hold one
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!digit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int digits = 0;
      int end = i;
      int j = i;
      while (j < n) {
        char c = text.charAt(j);
        if (digit(c)) {
          digits++;
          j++;
          end = j;
        } else if (separator(c) && j + 1 < n && (digit(text.charAt(j + 1))
            || (separator(text.charAt(j + 1)) && j + 2 < n && digit(text.charAt(j + 2))))) {
          j++;
        } else {
          break;
        }
      }
      numbers(text, Math.max(0, start - 2), Math.min(n, end + 1), digits, out);
      i = Math.max(j, start + 1);
    }
    if (entities.contains(Entity.IP_ADDRESS)) {
      for (int colon = text.indexOf(':'); colon >= 0; ) {
        int from = colon;
        while (from > 0 && hexOrColon(text.charAt(from - 1))) {
          from--;
        }
        int to = colon;
        int colons = 0;
        while (to < n && hexOrColon(text.charAt(to))) {
          colons += text.charAt(to) == ':' ? 1 : 0;
          to++;
        }
        if (colons >= 2) {
          Matcher m = region(IPV6, text, from, to);
          while (m.find()) {
            if (Ipv6.valid(text, m.start(), m.end())) {
              out.add(new Span(m.start(), m.end(), Entity.IP_ADDRESS.name()));
            }
          }
        }
        colon = text.indexOf(':', Math.max(to, colon + 1));
      }
    }
  }

  /** The digit-based entities inside {@code [from, to)}, a run holding {@code digits} digits. */
  private void numbers(String text, int from, int to, int digits, List<Span> out) {
    if (digits >= 13 && entities.contains(Entity.CREDIT_CARD)) {
      Matcher m = region(CARD, text, from, to);
      while (m.find()) {
        int count = digits(text, m.start(), m.end());
        if (count >= 13 && count <= 19 && consistentGroups(text, m.start(), m.end())
            && Checksums.luhn(text.subSequence(m.start(), m.end()))) {
          out.add(new Span(m.start(), m.end(), Entity.CREDIT_CARD.name()));
        }
      }
    }
    if (digits >= 9 && entities.contains(Entity.US_SSN)) {
      Matcher m = region(SSN, text, from, to);
      while (m.find()) {
        if (Checksums.ssn(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)))) {
          out.add(new Span(m.start(), m.end(), Entity.US_SSN.name()));
        }
      }
    }
    if (digits >= 8 && entities.contains(Entity.PHONE_NUMBER)) {
      if (text.lastIndexOf('+', to) >= from) {
        Matcher m = region(PHONE_INTERNATIONAL, text, from, to);
        while (m.find()) {
          int count = digits(text, m.start(), m.end());
          if (count >= 8 && count <= 15) {
            out.add(new Span(m.start(), m.end(), Entity.PHONE_NUMBER.name()));
          }
        }
      }
      if (digits >= 10) {
        add(region(PHONE_NATIONAL, text, from, to), Entity.PHONE_NUMBER, out);
      }
    }
    if (digits >= 4 && entities.contains(Entity.IP_ADDRESS)) {
      add(region(IPV4, text, from, to), Entity.IP_ADDRESS, out);
    }
  }

  /** A matcher confined to {@code [from, to)} whose lookarounds still see the text around it. */
  private static Matcher region(Pattern p, String text, int from, int to) {
    return p.matcher(text).region(from, to).useTransparentBounds(true).useAnchoringBounds(false);
  }

  private static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean separator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
  }

  private static boolean hexOrColon(char c) {
    return c == ':' || digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static void add(Matcher m, Entity entity, List<Span> out) {
    while (m.find()) {
      out.add(new Span(m.start(), m.end(), entity.name()));
    }
  }

  private static int digits(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** A card number uses one kind of separator, or none. */
  private static boolean consistentGroups(String text, int from, int to) {
    char sep = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '-') {
        if (sep != 0 && sep != c) {
          return false;
        }
        sep = c;
      }
    }
    return true;
  }
}
