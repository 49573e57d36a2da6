package dev.tollgate.providers.bedrock;

import java.util.Locale;

/** A {@code data:<mime>;base64,<data>} URL split into its media type and its base64 text (kept encoded). */
record DataUrl(String mediaType, String base64) {

  /** The parsed URL, or null when {@code url} is not a base64 data URL. */
  static DataUrl parse(String url) {
    if (url == null || !url.regionMatches(true, 0, "data:", 0, 5)) {
      return null;
    }
    int comma = url.indexOf(',');
    if (comma < 0) {
      return null;
    }
    String meta = url.substring(5, comma);
    if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
      return null;
    }
    String mediaType = meta.substring(0, meta.length() - ";base64".length());
    int param = mediaType.indexOf(';');
    if (param >= 0) {
      mediaType = mediaType.substring(0, param);
    }
    return new DataUrl(mediaType.trim().toLowerCase(Locale.ROOT), url.substring(comma + 1));
  }

  /** The subtype: {@code image/png} is {@code png}. */
  String subtype() {
    int slash = mediaType.indexOf('/');
    return slash < 0 ? mediaType : mediaType.substring(slash + 1);
  }
}
