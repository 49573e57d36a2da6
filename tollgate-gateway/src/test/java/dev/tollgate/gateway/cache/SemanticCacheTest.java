package dev.tollgate.gateway.cache;

import static dev.tollgate.gateway.cache.CacheClient.chat;
import static dev.tollgate.gateway.cache.CacheClient.content;
import static dev.tollgate.gateway.cache.CacheClient.fixture;
import static dev.tollgate.gateway.cache.CacheClient.upstreamChats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.support.RunningGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code type: redis-semantic} through a running gateway: the last user message is embedded by the fake upstream's
 * {@code embed-fake} (the same text always gives the same vector, other texts nearly orthogonal ones), so a request
 * with the same question under another system prompt is a semantic hit and another question is a miss.
 */
class SemanticCacheTest {
  private static RunningGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/cache/cache-semantic-config.yaml");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static long upstreamEmbeddings() {
    return gw.fake().requests().stream().filter(r -> r.path().endsWith("/embeddings")).count();
  }

  @Test
  void aSimilarPromptIsAnsweredFromTheCacheAndAnotherIsNot() {
    ObjectNode brief = fixture("semantic-brief.json");
    HttpResponse<String> first = chat(gw, brief);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(upstreamChats(gw)).isEqualTo(1);
    assertThat(upstreamEmbeddings()).as("the prompt was embedded").isEqualTo(1);

    HttpResponse<String> similar = chat(gw, fixture("semantic-verbose.json"));
    assertThat(similar.statusCode()).isEqualTo(200);
    assertThat(similar.headers().firstValue("x-litellm-cache-key")).hasValue(CacheKey.of("gpt-fake", brief, null));
    assertThat(Double.parseDouble(similar.headers().firstValue("x-litellm-semantic-similarity").orElseThrow()))
        .isGreaterThan(0.99);
    assertThat(content(similar)).isEqualTo(content(first));
    assertThat(upstreamChats(gw)).as("no chat call for the similar prompt").isEqualTo(1);

    HttpResponse<String> other = chat(gw, fixture("semantic-other.json"));
    assertThat(other.headers().firstValue("x-litellm-semantic-similarity")).isEmpty();
    assertThat(other.headers().firstValue("x-litellm-cache-key")).isEmpty();
    assertThat(upstreamChats(gw)).isEqualTo(2);

    // the exact request is an exact hit (no embedding call)
    long embeddings = upstreamEmbeddings();
    HttpResponse<String> exact = chat(gw, brief);
    assertThat(exact.headers().firstValue("x-litellm-cache-key")).isPresent();
    assertThat(exact.headers().firstValue("x-litellm-semantic-similarity")).isEmpty();
    assertThat(upstreamEmbeddings()).isEqualTo(embeddings);
  }
}
