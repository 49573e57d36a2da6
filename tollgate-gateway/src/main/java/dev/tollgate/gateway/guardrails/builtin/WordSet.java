package dev.tollgate.gateway.guardrails.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds any of a list of words or phrases in a text, case-insensitively, optionally as whole words only. The text is
 * lowercased once and each word found with {@link String#indexOf} (a vectorized scan), which is several times faster
 * than one case-insensitive alternation; texts whose lowercase form changes length (a few non-ASCII letters) fall back
 * to that alternation.
 */
final class WordSet {
  private final List<String> words;
  private final boolean wholeWords;
  private final Pattern fallback;

  WordSet(List<String> words, boolean wholeWords) {
    List<String> lower = new ArrayList<>(words.size());
    words.forEach(w -> lower.add(w.toLowerCase(Locale.ROOT)));
    this.words = List.copyOf(lower);
    this.wholeWords = wholeWords;
    this.fallback = KeywordDetector.alternation(words, wholeWords);
  }

  /** The length of the longest word (lowercased). */
  int longest() {
    int max = 0;
    for (String w : words) {
      max = Math.max(max, w.length());
    }
    return max;
  }

  /** Adds a span of {@code entity} for each occurrence; stops after the first when {@code firstOnly}. */
  boolean find(String text, String entity, List<Span> out, boolean firstOnly) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.length() != text.length()) {
      Matcher m = fallback.matcher(text);
      boolean found = false;
      while (m.find()) {
        found = true;
        if (out != null) {
          out.add(new Span(m.start(), m.end(), entity));
        }
        if (firstOnly) {
          return true;
        }
      }
      return found;
    }
    boolean found = false;
    for (String w : words) {
      for (int at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
        int end = at + w.length();
        if (wholeWords && (wordChar(lower, at - 1) || wordChar(lower, end))) {
          continue;
        }
        found = true;
        if (out != null) {
          out.add(new Span(at, end, entity));
        }
        if (firstOnly) {
          return true;
        }
      }
    }
    return found;
  }

  private static boolean wordChar(String s, int i) {
    if (i < 0 || i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
