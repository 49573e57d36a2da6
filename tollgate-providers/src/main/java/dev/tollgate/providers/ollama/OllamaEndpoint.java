package dev.tollgate.providers.ollama;

import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.translate.Urls;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a POST to one Ollama endpoint; the key, when there is one, goes as {@code Authorization: Bearer}. */
final class OllamaEndpoint {
  static final String CHAT = "/api/chat";
  static final String EMBED = "/api/embed";

  private OllamaEndpoint() {}

  static HttpCall post(String path, byte[] body, CallTarget target) {
    if (target.apiBase() == null || target.apiBase().isBlank()) {
      throw new BadRequestException("ollama needs an api_base", target.provider(), target.model());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (target.apiKey() != null && !target.apiKey().isBlank()) {
      headers.put("authorization", "Bearer " + target.apiKey());
    }
    headers.putAll(target.headers());
    return HttpCall.postJson(Urls.join(target.apiBase(), path), headers, body, target.timeout());
  }
}
