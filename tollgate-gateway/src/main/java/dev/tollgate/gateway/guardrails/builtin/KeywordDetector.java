package dev.tollgate.gateway.guardrails.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds banned keywords (case-insensitive, literal, optionally whole words only) and banned regular expressions
 * (case-insensitive). Keywords are found by {@link WordSet} on the lowercased text.
 * Findings are reported as {@code BANNED_KEYWORD} or {@code BANNED_PATTERN}, never by the word itself.
 */
public final class KeywordDetector implements SpanDetector {
  public static final String KEYWORD = "BANNED_KEYWORD";
  public static final String PATTERN = "BANNED_PATTERN";
  private final WordSet keywords;
  private final List<Pattern> patterns;

  public KeywordDetector(List<String> keywords, List<String> regexes, boolean wholeWords) {
    this.keywords = keywords.isEmpty() ? null : new WordSet(keywords, wholeWords);
    List<Pattern> p = new ArrayList<>(regexes.size());
    for (String r : regexes) {
      p.add(Pattern.compile(r, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
    this.patterns = List.copyOf(p);
  }

  /**
   * One case-insensitive pattern matching any of {@code words} (longest first), as whole words if asked. It starts
   * with a lookahead for the words' first characters, so positions where no word can start cost one check; Unicode
   * case folding is used only when a word is not ASCII.
   */
  public static Pattern alternation(List<String> words, boolean wholeWords) {
    List<String> sorted = new ArrayList<>(words);
    sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
    java.util.Set<Integer> first = new java.util.TreeSet<>();
    boolean ascii = true;
    for (String w : sorted) {
      int c = w.codePointAt(0);
      first.add(Character.toLowerCase(c));
      first.add(Character.toUpperCase(c));
      ascii &= w.chars().allMatch(ch -> ch < 128);
    }
    StringBuilder p = new StringBuilder("(?=[");
    first.forEach(c -> p.append("\\x{").append(Integer.toHexString(c)).append('}'));
    p.append("])").append(wholeWords ? "(?<![\\p{L}\\p{N}_])(?:" : "(?:");
    for (int i = 0; i < sorted.size(); i++) {
      p.append(i == 0 ? "" : "|").append(Pattern.quote(sorted.get(i)));
    }
    p.append(wholeWords ? ")(?![\\p{L}\\p{N}_])" : ")");
    return Pattern.compile(p.toString(), ascii ? Pattern.CASE_INSENSITIVE
        : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public java.util.Set<String> entities() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    if (keywords != null) {
      names.add(KEYWORD);
    }
    if (!patterns.isEmpty()) {
      names.add(PATTERN);
    }
    return names;
  }

  /**
   * Keywords alone: twice the longest keyword (case folding may change a match's length) plus the character on either
   * side a whole-word match looks at. Regular expressions may match text of any length: {@link #UNBOUNDED}.
   */
  @Override
  public int reach() {
    return patterns.isEmpty() && keywords != null ? 2 * keywords.longest() + 2 : UNBOUNDED;
  }

  @Override
  public void find(String text, List<Span> out) {
    if (keywords != null) {
      keywords.find(text, KEYWORD, out, false);
    }
    for (Pattern p : patterns) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        if (m.end() > m.start()) {
          out.add(new Span(m.start(), m.end(), PATTERN));
        }
      }
    }
  }
}
