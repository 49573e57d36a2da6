package dev.tollgate.providers.sse;

import java.nio.charset.StandardCharsets;

/**
 * Finds a JSON key in raw bytes without parsing: whether some {@code "key"} in a range is followed (after spaces,
 * tabs and the colon) by a given character, e.g. {@code "usage"} by {@code '{'} (an object, not null). The key must
 * appear as a quoted string; an escaped quote inside a string value ({@code \"usage\"}) does not match, because the
 * byte before its closing quote is a backslash.
 */
public final class JsonKeyScan {
  private final byte[] quotedKey;

  /** @param key the key without quotes (ASCII) */
  public JsonKeyScan(String key) {
    this.quotedKey = ("\"" + key + "\"").getBytes(StandardCharsets.US_ASCII);
  }

  /** True when the key appears in {@code bytes[from, to)} and its value starts with {@code first}. */
  public boolean valueStartsWith(byte[] bytes, int from, int to, byte first) {
    int at = from;
    while ((at = indexOf(bytes, at, to)) >= 0) {
      int i = at + quotedKey.length;
      if (at == from || bytes[at - 1] != '\\') {
        while (i < to && (bytes[i] == ' ' || bytes[i] == ':' || bytes[i] == '\t')) {
          i++;
        }
        if (i < to && bytes[i] == first) {
          return true;
        }
      }
      at = i;
    }
    return false;
  }

  /** True when the key appears in {@code bytes[from, to)} at all. */
  public boolean occursIn(byte[] bytes, int from, int to) {
    return indexOf(bytes, from, to) >= 0;
  }

  private int indexOf(byte[] bytes, int from, int to) {
    byte first = quotedKey[0];
    int last = to - quotedKey.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      for (int k = 1; k < quotedKey.length; k++) {
        if (bytes[i + k] != quotedKey[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
