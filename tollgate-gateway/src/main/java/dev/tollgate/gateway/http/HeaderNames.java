package dev.tollgate.gateway.http;

import io.vertx.core.http.HttpHeaders;

/**
 * The response headers the gateway sets on every proxied call, as pre-encoded ASCII: Vert.x copies such a name or value
 * into the response in one block and keeps its hash, where a {@code String} is hashed and encoded a character at a
 * time (about 4% of the event loops' time under load went to encoding the dozen headers of a reply).
 */
final class HeaderNames {
  static final CharSequence CALL_ID = HttpHeaders.createOptimized("x-litellm-call-id");
  static final CharSequence MODEL_GROUP = HttpHeaders.createOptimized("x-litellm-model-group");
  static final CharSequence MODEL_ID = HttpHeaders.createOptimized("x-litellm-model-id");
  static final CharSequence MODEL_API_BASE = HttpHeaders.createOptimized("x-litellm-model-api-base");
  static final CharSequence VERSION = HttpHeaders.createOptimized("x-litellm-version");
  static final CharSequence ATTEMPTED_RETRIES = HttpHeaders.createOptimized("x-litellm-attempted-retries");
  static final CharSequence ATTEMPTED_FALLBACKS = HttpHeaders.createOptimized("x-litellm-attempted-fallbacks");
  static final CharSequence MAX_FALLBACKS = HttpHeaders.createOptimized("x-litellm-max-fallbacks");
  static final CharSequence RESPONSE_DURATION_MS = HttpHeaders.createOptimized("x-litellm-response-duration-ms");
  static final CharSequence RESPONSE_COST = HttpHeaders.createOptimized("x-litellm-response-cost");
  static final CharSequence KEY_SPEND = HttpHeaders.createOptimized("x-litellm-key-spend");
  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private static final CharSequence[] SMALL_NUMBERS = new CharSequence[16];

  static {
    for (int i = 0; i < SMALL_NUMBERS.length; i++) {
      SMALL_NUMBERS[i] = HttpHeaders.createOptimized(Integer.toString(i));
    }
  }

  private HeaderNames() {}

  /** {@code n} as header text; pre-encoded for the small counts most replies carry. */
  static CharSequence number(long n) {
    return n >= 0 && n < SMALL_NUMBERS.length ? SMALL_NUMBERS[(int) n] : Long.toString(n);
  }
}
