package dev.tollgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CachePlanTest {
  private static final CacheSettings ON = new CacheSettings(CacheSettings.Type.LOCAL, null, null, null, null, true,
      Set.of("acompletion", "anthropic_messages"), 10, 1000);
  private static final CacheSettings OFF_BY_DEFAULT = new CacheSettings(CacheSettings.Type.LOCAL, null, null, null,
      null, false, Set.of("acompletion"), 10, 1000);

  @Test
  void controlsAreReadFromCacheOrExtraBody() {
    CachePlan plan = CachePlan.of(ON, "acompletion", "gpt-fake", CacheClient.fixture("chat-request-controls.json"),
        null);
    assertThat(plan.store()).isFalse();
    assertThat(plan.lookup()).isTrue();
    assertThat(plan.controls().ttlSeconds()).isEqualTo(30);
    assertThat(plan.controls().sMaxAgeSeconds()).isEqualTo(5);
    assertThat(plan.key()).startsWith("x:");
  }

  @Test
  void casesWhereCachingDoesNotApply() {
    ObjectNode body = CacheClient.chat("hello");
    assertThat(CachePlan.of(ON, "aembedding", "gpt-fake", body, null)).as("call type not supported").isNull();
    assertThat(CachePlan.of(OFF_BY_DEFAULT, "acompletion", "gpt-fake", body, null)).as("default_off").isNull();
    ObjectNode optedIn = body.deepCopy();
    optedIn.putObject("cache").put("use-cache", true);
    assertThat(CachePlan.of(OFF_BY_DEFAULT, "acompletion", "gpt-fake", optedIn, null)).isNotNull();
    ObjectNode mock = body.deepCopy().put("mock_response", "hi");
    assertThat(CachePlan.of(ON, "acompletion", "gpt-fake", mock, null)).as("mock").isNull();
  }

  @Test
  void aControlMustBeAllowedByTheKeyAndByItsUser() {
    ObjectNode body = CacheClient.chat("hello");
    body.putObject("cache").put("ttl", 5);
    assertThat(CachePlan.of(ON, "acompletion", "gpt-fake", body, List.of("ttl"), List.of())).isNotNull();
    assertThat(CachePlan.of(ON, "acompletion", "gpt-fake", body, null, List.of("ttl", "no-cache"))).isNotNull();
    assertThatThrownBy(() -> CachePlan.of(ON, "acompletion", "gpt-fake", body, List.of("ttl"), List.of("no-cache")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining("user's allowed_cache_controls");
  }

  @Test
  void aKeyMayUseOnlyItsAllowedControls() {
    ObjectNode body = CacheClient.chat("hello");
    body.putObject("cache").put("no-cache", true).put("ttl", 5);
    assertThat(CachePlan.of(ON, "acompletion", "gpt-fake", body, List.of("no-cache", "ttl"))).isNotNull();
    assertThat(CachePlan.of(ON, "acompletion", "gpt-fake", body, List.of())).isNotNull();
    assertThatThrownBy(() -> CachePlan.of(ON, "acompletion", "gpt-fake", body, List.of("no-cache")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining("ttl");
  }

  @Test
  void malformedControlsAreA400() {
    ObjectNode notAnObject = CacheClient.chat("hello").put("cache", "no-cache");
    assertThatThrownBy(() -> CachePlan.of(ON, "acompletion", "gpt-fake", notAnObject, null))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    ObjectNode badTtl = CacheClient.chat("hello");
    badTtl.putObject("cache").put("ttl", "soon");
    assertThatThrownBy(() -> CachePlan.of(ON, "acompletion", "gpt-fake", badTtl, null))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void messagesEntriesAreKeptApartFromChatEntries() {
    ObjectNode body = CacheClient.chat("same body");
    assertThat(CachePlan.of(ON, "anthropic_messages", "gpt-fake", body, null).key())
        .isNotEqualTo(CachePlan.of(ON, "acompletion", "gpt-fake", body, null).key());
  }
}
