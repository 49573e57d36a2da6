package dev.tollgate.providers.translate;

/**
 * A {@code data:} URL split into media type and base64 payload, as OpenAI clients send inline images
 * ({@code data:image/png;base64,iVBOR...}).
 */
public record DataUrl(String mediaType, String base64) {

  /** The parsed URL, or null when {@code url} is not a base64 {@code data:} URL. */
  public static DataUrl parse(String url) {
    if (url == null || !url.regionMatches(true, 0, "data:", 0, 5)) {
      return null;
    }
    int comma = url.indexOf(',');
    if (comma < 0) {
      return null;
    }
    String meta = url.substring(5, comma);
    if (!meta.toLowerCase(java.util.Locale.ROOT).endsWith(";base64")) {
      return null;
    }
    String mediaType = meta.substring(0, meta.length() - ";base64".length());
    return new DataUrl(mediaType.isEmpty() ? "application/octet-stream" : mediaType, url.substring(comma + 1));
  }
}
