package dev.tollgate.gateway.health;

import java.util.Map;

/**
 * What one health probe of one deployment found: healthy, or the readable error (credentials already scrubbed) and
 * the status LiteLLM reports as {@code exception_status}.
 *
 * @param headers upstream rate-limit headers worth showing ({@code x-ratelimit-remaining-requests}, ...); empty when
 *     none
 */
record ProbeResult(boolean healthy, String error, Integer status, Map<String, String> headers) {
  ProbeResult {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  static ProbeResult ok(Map<String, String> headers) {
    return new ProbeResult(true, null, null, headers);
  }

  static ProbeResult failed(String error, Integer status) {
    return new ProbeResult(false, error, status, Map.of());
  }
}
