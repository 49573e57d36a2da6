package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.calls.CallRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A completed call's row carries every value the writer reads, taken from the record. */
class SpendRowTest {
  private final JsonNode calls = FixtureCalls.fixture("/spend/store-batch.json").get("calls");

  private CallRecord call(String id) {
    for (JsonNode c : calls) {
      if (c.get("request_id").asText().equals(id)) {
        return FixtureCalls.record(c);
      }
    }
    throw new IllegalArgumentException(id);
  }

  @Test
  void aVirtualKeysRoutedCallCarriesEveryField() {
    CallRecord r = call("call-02");
    SpendRow row = SpendRow.of(r);
    assertThat(row.requestId()).isEqualTo("call-02");
    assertThat(row.callType()).isEqualTo("acompletion");
    assertThat(row.apiKey()).isEqualTo("hash-a");
    assertThat(row.virtualKey()).isTrue();
    assertThat(row.keyAlias()).isEqualTo("team-key");
    assertThat(row.userId()).isEqualTo("u1");
    assertThat(row.teamId()).isEqualTo("t1");
    assertThat(row.organizationId()).isEqualTo("o1");
    assertThat(row.endUser()).isEqualTo("cust-1");
    assertThat(row.modelGroup()).isEqualTo("gpt-x");
    assertThat(row.deploymentId()).isEqualTo("dep-2");
    assertThat(row.provider()).isEqualTo("azure");
    assertThat(row.model()).isEqualTo("gpt-x-2026");
    assertThat(row.apiBase()).isEqualTo("https://azure.example/openai");
    assertThat(row.startMillis()).isEqualTo(1795651200010L);
    assertThat(row.endMillis()).isEqualTo(1795651200900L);
    assertThat(row.promptTokens()).isEqualTo(1000);
    assertThat(row.completionTokens()).isEqualTo(250);
    assertThat(row.totalTokens()).isEqualTo(1250);
    assertThat(row.cost()).isEqualTo(0.25);
    assertThat(row.status()).isEqualTo("success");
    assertThat(row.httpStatus()).isEqualTo(200);
    assertThat(row.routed()).isTrue();
    assertThat(row.attemptedRetries()).isEqualTo(2);
    assertThat(row.attemptedFallbacks()).isEqualTo(1);
    assertThat(row.usageKnown()).isTrue();
    assertThat(row.usageEstimated()).isFalse();
    assertThat(row.requesterIp()).isEqualTo("10.0.0.7");
    assertThat(row.cacheHit()).isFalse();
    assertThat(row.cacheKey()).isEqualTo("ck-1");
    assertThat(row.messages()).isEqualTo("[{\"role\":\"user\",\"content\":\"hi\"}]");
    assertThat(row.response()).isEqualTo("{\"content\":\"hello\"}");
    assertThat(row.writeLogRow()).isTrue();
    assertThat(row.keyModel()).isEqualTo(PendingSpend.keyModel("hash-a", "gpt-x"));
  }

  @Test
  void aFailedCallCarriesItsErrorTagsCacheCountsAndTheRequestsMetadata() {
    CallRecord r = call("call-03");
    SpendRow row = SpendRow.of(r);
    assertThat(row.status()).isEqualTo("failure");
    assertThat(row.httpStatus()).isEqualTo(429);
    assertThat(row.errorType()).isEqualTo("RateLimitError");
    assertThat(row.errorMessage()).isEqualTo(r.errorMessage).startsWith("rate limited");
    assertThat(row.requestMetadata()).isSameAs(r.metadata);
    assertThat(row.endUser()).isNull();
    SpendRow tagged = SpendRow.of(call("call-10"));
    assertThat(tagged.tags()).isEqualTo(List.of("prod", "b"));
    assertThat(tagged.cacheReadTokens()).isEqualTo(100);
    assertThat(SpendRow.of(call("call-01")).cacheCreationTokens()).isEqualTo(1);
  }

  @Test
  void theMasterKeysCallWithoutRouterOrLogRowSaysSo() {
    SpendRow master = SpendRow.of(call("call-06"));
    assertThat(master.virtualKey()).isFalse();
    assertThat(master.keyAlias()).isNull();
    assertThat(master.keyModel()).isNull();
    SpendRow cacheHit = SpendRow.of(call("call-04"));
    assertThat(cacheHit.routed()).isFalse();
    assertThat(cacheHit.cacheHit()).isTrue();
    assertThat(cacheHit.usageKnown()).isFalse();
    assertThat(SpendRow.of(call("call-05")).usageEstimated()).isTrue();
    assertThat(SpendRow.of(call("call-07")).writeLogRow()).isFalse();
  }
}
