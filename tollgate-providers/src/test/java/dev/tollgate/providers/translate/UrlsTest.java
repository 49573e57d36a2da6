package dev.tollgate.providers.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {
  @ParameterizedTest
  @CsvSource({
      "https://api.cohere.com, /v2/chat, https://api.cohere.com/v2/chat",
      "https://api.cohere.com/, /v2/chat, https://api.cohere.com/v2/chat",
      "https://api.cohere.com/v2, /v2/chat, https://api.cohere.com/v2/chat",
      "https://api.cohere.com/v2/chat, /v2/chat, https://api.cohere.com/v2/chat",
      "http://localhost:11434, /api/chat, http://localhost:11434/api/chat",
      "http://proxy/ollama/api, /api/embed, http://proxy/ollama/api/embed"})
  void joinsWithoutDoublingThePath(String base, String path, String url) {
    assertThat(Urls.join(base, path)).isEqualTo(url);
  }
}
