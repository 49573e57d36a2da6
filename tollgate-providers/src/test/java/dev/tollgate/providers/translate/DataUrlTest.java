package dev.tollgate.providers.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataUrlTest {
  @Test
  void splitsMediaTypeAndPayload() {
    DataUrl url = DataUrl.parse("data:image/png;base64,iVBORw0KGgo=");
    assertThat(url.mediaType()).isEqualTo("image/png");
    assertThat(url.base64()).isEqualTo("iVBORw0KGgo=");
  }

  @Test
  void webUrlsAndNonBase64DataUrlsAreNotDataUrls() {
    assertThat(DataUrl.parse("https://example.com/a.png")).isNull();
    assertThat(DataUrl.parse("data:text/plain,hello")).isNull();
    assertThat(DataUrl.parse(null)).isNull();
  }
}
