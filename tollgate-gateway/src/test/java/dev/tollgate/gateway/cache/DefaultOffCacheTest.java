package dev.tollgate.gateway.cache;

import static dev.tollgate.gateway.cache.CacheClient.chat;
import static dev.tollgate.gateway.cache.CacheClient.upstreamChats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.support.RunningGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code mode: default_off}: only requests that opt in with {@code cache: {"use-cache": true}} use the cache. */
class DefaultOffCacheTest {
  private static RunningGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/cache/cache-default-off-config.yaml");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
  }

  @Test
  void requestsWithoutUseCacheAreNeverCached() {
    chat(gw, chat("not opted in"));
    chat(gw, chat("not opted in"));
    assertThat(upstreamChats(gw)).isEqualTo(2);
  }

  @Test
  void requestsThatOptInShareEntriesUnderTheConfiguredNamespace() {
    ObjectNode body = chat("opted in");
    body.putObject("cache").put("use-cache", true);
    chat(gw, body);
    HttpResponse<String> hit = chat(gw, body);
    assertThat(hit.headers().firstValue("x-litellm-cache-key")).hasValueSatisfying(k ->
        assertThat(k).isEqualTo("team-a:" + CacheKey.of("gpt-fake", body, null)));
    assertThat(upstreamChats(gw)).isEqualTo(1);
  }
}
