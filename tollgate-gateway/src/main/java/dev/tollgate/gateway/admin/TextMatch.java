package dev.tollgate.gateway.admin;

import java.util.Locale;

/**
 * LiteLLM's "contains, any case" search ({@code {"contains": x, "mode": "insensitive"}} in Prisma) as SQL that
 * SQLite and PostgreSQL both run: {@code LOWER(column) LIKE ? ESCAPE '\'} with the text lower-cased, its
 * {@code %}, {@code _} and {@code \} escaped, between two {@code %}.
 */
final class TextMatch {
  private TextMatch() {}

  /** The condition for {@code column}; bind {@link #pattern} to its one parameter. */
  static String condition(String column) {
    return "LOWER(" + column + ") LIKE ? ESCAPE '\\'";
  }

  /** The LIKE pattern matching any value that contains {@code text}, whatever the case. */
  static String pattern(String text) {
    StringBuilder out = new StringBuilder("%");
    for (char c : text.strip().toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '%' || c == '_' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('%').toString();
  }
}
