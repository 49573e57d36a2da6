package dev.tollgate.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Usage comes from the top-level {@code usage} object only, whatever else the body holds. */
class UsageScannerTest {
  @Test
  void readsOnlyTheTopLevelUsage() {
    Usage u = UsageScanner.usage(Http.fixture("/calls/reply-usage-last.json").getBytes(StandardCharsets.UTF_8));
    assertThat(u.promptTokens()).isEqualTo(12);
    assertThat(u.completionTokens()).isEqualTo(7);
    assertThat(u.totalTokens()).isEqualTo(19);
    assertThat(u.extra().get("prompt_tokens_details").get("cached_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void countsThatAreNotPlainIntegersAreKeptAsTheyCame() {
    Usage u = UsageScanner.usage(bytes(
        "{\"usage\": {\"prompt_tokens\": null, \"completion_tokens\": 5, \"total_tokens\": 5.5}}"));
    assertThat(u.promptTokens()).isNull();
    assertThat(u.completionTokens()).isEqualTo(5);
    assertThat(u.totalTokens()).isNull();
    assertThat(u.extra().get("total_tokens").asDouble()).isEqualTo(5.5);
  }

  @Test
  void detailObjectsKeepEveryKindOfValue() {
    Usage u = UsageScanner.usage(bytes("{\"usage\": {\"prompt_tokens\": 1, \"completion_tokens_details\": "
        + "{\"reasoning_tokens\": 9000000000, \"audio\": [1, 2.5, \"x\", true, false, null], \"n\": {}}}}"));
    assertThat(u.extra().get("completion_tokens_details").toString())
        .isEqualTo("{\"reasoning_tokens\":9000000000,\"audio\":[1,2.5,\"x\",true,false,null],\"n\":{}}");
  }

  @Test
  void noUsageIsNull() {
    assertThat(UsageScanner.usage(bytes("{\"id\": \"x\", \"usage\": null}"))).isNull();
    assertThat(UsageScanner.usage(bytes("{\"id\": \"x\"}"))).isNull();
    assertThat(UsageScanner.usage(bytes("[1, 2]"))).isNull();
    assertThat(UsageScanner.usage(bytes("not json"))).isNull();
    assertThat(UsageScanner.usage(bytes("{\"usage\": {\"prompt_tokens\": 3"))).isNull();
    assertThat(UsageScanner.usage(new byte[0])).isNull();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
