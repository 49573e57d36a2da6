package dev.tollgate.providers.ndjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonDecoderTest {
  @Test
  void linesSplitAtEveryByteComeOutWhole() {
    byte[] all = "{\"a\":\"é\"}\r\n\n{\"b\":2}\n{\"c\"".getBytes(StandardCharsets.UTF_8);
    NdjsonDecoder decoder = new NdjsonDecoder();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      lines.addAll(decoder.feed(Arrays.copyOfRange(all, i, i + 1)));
    }

    assertThat(lines).containsExactly("{\"a\":\"é\"}", "{\"b\":2}");
    assertThat(decoder.finish()).containsExactly("{\"c\"");
    assertThat(decoder.finish()).isEmpty();
  }
}
