package dev.tollgate.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a call record keeps of a reply's usage: the counts the daily aggregates sum. */
class CallRecordTest {
  @Test
  void promptCacheReadsAndWritesAreKeptApartFromThePromptCount() {
    CallRecord r = new CallRecord("req-1", "acompletion", 0, "hash", null);
    r.usage(UsageScanner.usage(Http.fixture("/calls/reply-cached-usage.json").getBytes(StandardCharsets.UTF_8)));
    assertThat(r.promptTokens).isEqualTo(1200);
    assertThat(r.completionTokens).isEqualTo(30);
    assertThat(r.cacheReadTokens).isEqualTo(1024); // prompt_tokens_details.cached_tokens
    assertThat(r.cacheCreationTokens).isEqualTo(100); // cache_creation_input_tokens
  }

  @Test
  void aReplyWithoutCacheCountsHasNone() {
    CallRecord r = new CallRecord("req-2", "acompletion", 0, "hash", null);
    r.usage(dev.tollgate.providers.types.Usage.of(10, 5));
    assertThat(r.promptTokens).isEqualTo(10);
    assertThat(r.cacheReadTokens).isZero();
    assertThat(r.cacheCreationTokens).isZero();
  }
}
