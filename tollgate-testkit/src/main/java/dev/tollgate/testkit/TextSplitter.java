package dev.tollgate.testkit;

import java.util.ArrayList;
import java.util.List;

/** Splits text into stream pieces without breaking surrogate pairs. */
final class TextSplitter {
  private TextSplitter() {}

  /**
   * Splits into {@code n} near-equal pieces by code point (fewer if the text is shorter); an empty text gives no
   * pieces. Joining the pieces gives back the text.
   */
  static List<String> even(String text, int n) {
    List<String> out = new ArrayList<>();
    int[] cps = text.codePoints().toArray();
    if (cps.length == 0) {
      return out;
    }
    int pieces = Math.max(1, Math.min(n, cps.length));
    int base = cps.length / pieces;
    int extra = cps.length % pieces;
    int pos = 0;
    for (int i = 0; i < pieces; i++) {
      int len = base + (i < extra ? 1 : 0);
      out.add(new String(cps, pos, len));
      pos += len;
    }
    return out;
  }

  /** Splits like a tokenizer would roughly: each piece starts at a whitespace run ("Hello", " world"). */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        out.add(text.substring(start, i));
        start = i;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** Pieces of at most about {@code size} code points each. */
  static List<String> bySize(String text, int size) {
    int cps = text.codePointCount(0, text.length());
    return even(text, Math.max(1, (cps + size - 1) / size));
  }
}
