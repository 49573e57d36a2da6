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
 */
public final class PiiDetector implements SpanDetector {
  /** The entity types, as Presidio names them. */
  public enum Entity { EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS }

  private static final Pattern EMAIL = Pattern.compile(
      "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![\\w-])");
  private static final Pattern PHONE_INTERNATIONAL = Pattern.compile(
      "(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?)(?:[ .-]?\\d{2,4}){1,4}(?![\\w-])");
  private static final Pattern PHONE_NATIONAL = Pattern.compile(
      "(?<![\\w-])(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\w-])");
  private static final Pattern CARD = Pattern.compile("(?<![\\w-])[2-6]\\d{3}(?:[ -]?\\d){9,15}(?![\\w-])");
  private static final Pattern IBAN = Pattern.compile(
      "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])");
  private static final Pattern SSN = Pattern.compile("(?<![\\w-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\w-])");
  private static final Pattern IPV4 = Pattern.compile(
      "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.])");
  private static final Pattern IPV6 = Pattern.compile("(?<![\\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\w:])");

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
  public void find(String text, List<Span> out) {
    if (entities.contains(Entity.EMAIL_ADDRESS) && text.indexOf('@') >= 0) {
      add(EMAIL.matcher(text), Entity.EMAIL_ADDRESS, out);
    }
    if (entities.contains(Entity.CREDIT_CARD)) {
      Matcher m = CARD.matcher(text);
      while (m.find()) {
        int digits = digits(text, m.start(), m.end());
        if (digits >= 13 && digits <= 19 && consistentGroups(text, m.start(), m.end())
            && Checksums.luhn(text.subSequence(m.start(), m.end()))) {
          out.add(new Span(m.start(), m.end(), Entity.CREDIT_CARD.name()));
        }
      }
    }
    if (entities.contains(Entity.IBAN_CODE)) {
      Matcher m = IBAN.matcher(text);
      while (m.find()) {
        if (Checksums.iban(text.subSequence(m.start(), m.end()))) {
          out.add(new Span(m.start(), m.end(), Entity.IBAN_CODE.name()));
        }
      }
    }
    if (entities.contains(Entity.US_SSN)) {
      Matcher m = SSN.matcher(text);
      while (m.find()) {
        if (Checksums.ssn(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)))) {
          out.add(new Span(m.start(), m.end(), Entity.US_SSN.name()));
        }
      }
    }
    if (entities.contains(Entity.PHONE_NUMBER)) {
      Matcher m = PHONE_INTERNATIONAL.matcher(text);
      while (m.find()) {
        int digits = digits(text, m.start(), m.end());
        if (digits >= 8 && digits <= 15) {
          out.add(new Span(m.start(), m.end(), Entity.PHONE_NUMBER.name()));
        }
      }
      add(PHONE_NATIONAL.matcher(text), Entity.PHONE_NUMBER, out);
    }
    if (entities.contains(Entity.IP_ADDRESS)) {
      if (text.indexOf('.') >= 0) {
        add(IPV4.matcher(text), Entity.IP_ADDRESS, out);
      }
      if (text.indexOf(':') >= 0) {
        Matcher m = IPV6.matcher(text);
        while (m.find()) {
          if (Ipv6.valid(text, m.start(), m.end())) {
            out.add(new Span(m.start(), m.end(), Entity.IP_ADDRESS.name()));
          }
        }
      }
    }
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
