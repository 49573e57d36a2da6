package dev.tollgate.providers.gemini;

import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google AI Studio: {@code {api_base}/v1beta/models/{model}:{method}}, the key in the {@code x-goog-api-key} header
 * (not the {@code ?key=} query, which ends up in logs).
 */
final class AiStudioEndpoint implements GeminiEndpoint {
  static final String VERSION_PATH = "/v1beta";

  @Override
  public String url(CallTarget target, String method) {
    if (target.apiBase() == null || target.apiBase().isBlank()) {
      throw new BadRequestException("gemini needs an api_base", target.provider(), target.model());
    }
    String base = target.apiBase().replaceAll("/+$", "");
    if (!base.endsWith(VERSION_PATH) && !base.matches(".*/v1(alpha|beta)?\\d*$")) {
      base += VERSION_PATH;
    }
    String model = target.model().startsWith("models/") ? target.model().substring("models/".length())
        : target.model();
    String url = base + "/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + ":" + method;
    return method.startsWith("stream") ? url + "?alt=sse" : url;
  }

  @Override
  public Map<String, String> headers(CallTarget target) {
    if (target.apiKey() == null || target.apiKey().isBlank()) {
      throw new AuthenticationException(
          "No API key for gemini: set api_key on the deployment or the GEMINI_API_KEY / GOOGLE_API_KEY variable",
          target.provider(), target.model());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-goog-api-key", target.apiKey());
    headers.putAll(target.headers());
    return headers;
  }
}
