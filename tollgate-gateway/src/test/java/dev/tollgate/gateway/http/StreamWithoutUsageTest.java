package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A stream whose upstream never sends usage (even when asked) is priced from a token count of the relayed text and
 * the prompt, so its spend row, the key's spend and its tpm window are not zero.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamWithoutUsageTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private TestDatabase db;
  private RunningGateway gw;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.sqlite();
    gw = RunningGateway.start("/budgets/budgets-config.yaml", db.url());
  }

  @AfterAll
  void stop() {
    gw.close();
    db.close();
  }

  private HttpResponse<String> post(String path, String key, String body) {
    return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(gw.url(path)))
        .header("authorization", "Bearer " + key).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  @Test
  void aStreamWithoutUsageGetsCountedTokensSpendAndTpm() {
    gw.fake().script("no-usage", Behavior.reply("Foxes are small omnivorous mammals of the dog family, found on "
        + "every continent but Antarctica.").withoutStreamUsage());
    HttpResponse<String> created = post("/key/generate", RunningGateway.MASTER_KEY, "{\"tpm_limit\": 10}");
    String key = Json.tree(created.body().getBytes(StandardCharsets.UTF_8)).get("key").asText();
    String body = "{\"model\": \"fake/no-usage\", \"stream\": true, "
        + "\"messages\": [{\"role\": \"user\", \"content\": \"Tell me about foxes\"}]}";
    HttpResponse<String> r = post("/v1/chat/completions", key, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("omnivorous").doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
    gw.controlPlane().spend().flush();
    JsonNode row = gw.controlPlane().database().inline(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT prompt_tokens, "
          + "completion_tokens, total_tokens, spend, metadata FROM tg_spend_logs WHERE api_key = '"
          + Keys.hash(key) + "'")) {
        assertThat(rs.next()).isTrue();
        var n = Json.object();
        n.put("prompt", rs.getLong(1)).put("completion", rs.getLong(2)).put("total", rs.getLong(3))
            .put("spend", rs.getDouble(4)).set("metadata", Json.tree(rs.getString(5).getBytes(StandardCharsets.UTF_8)));
        return n;
      }
    });
    assertThat(row.get("prompt").asLong()).isGreaterThan(5);
    assertThat(row.get("completion").asLong()).isGreaterThan(10);
    assertThat(row.get("total").asLong()).isEqualTo(row.get("prompt").asLong() + row.get("completion").asLong());
    assertThat(row.get("spend").asDouble()).isEqualTo(row.get("prompt").asLong() * 0.000003
        + row.get("completion").asLong() * 0.000006);
    assertThat(row.get("metadata").get("usage_estimated").asBoolean()).isTrue();
    // the counted tokens filled the key's 10-token window
    HttpResponse<String> next = post("/v1/chat/completions", key, body);
    assertThat(next.statusCode()).as(next.body()).isEqualTo(429);
    assertThat(next.body()).contains("Limit type: tokens");
  }
}
