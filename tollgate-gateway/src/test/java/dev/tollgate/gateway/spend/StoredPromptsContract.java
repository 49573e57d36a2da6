package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.calls.PromptCapture;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code general_settings.store_prompts_in_spend_logs: true}: rows keep the messages and the response, bounded, and
 * {@code /spend/logs} returns them; a gateway without the setting keeps neither. Run once per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoredPromptsContract {
  private static final String MASTER = RunningGateway.MASTER_KEY;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private TestDatabase db;
  private RunningGateway storing;
  private RunningGateway plain;
  private RunningGateway noLogs;

  abstract TestDatabase newDatabase();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    storing = RunningGateway.start("/spend/store-prompts-config.yaml", db.url());
    plain = RunningGateway.start("/spend/spend-config.yaml", db.url());
    noLogs = RunningGateway.start("/spend/disable-spend-logs-config.yaml", db.url());
  }

  @AfterAll
  void stop() {
    if (storing != null) {
      storing.close();
    }
    if (plain != null) {
      plain.close();
    }
    if (noLogs != null) {
      noLogs.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void aNonStreamedCallKeepsItsMessagesAndTheReplyBody() {
    HttpResponse<String> r = chat(storing, "{\"model\": \"fake/gpt-stored\", \"messages\": ["
        + "{\"role\": \"system\", \"content\": \"be brief\"}, {\"role\": \"user\", \"content\": \"remember me\"}]}");
    JsonNode row = row(storing, r);
    assertThat(row.get("messages").isArray()).as(row.toString()).isTrue();
    assertThat(row.get("messages").get(0).get("content").asText()).isEqualTo("be brief");
    assertThat(row.get("messages").get(1).get("content").asText()).isEqualTo("remember me");
    JsonNode reply = Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(row.get("response").get("id").asText()).isEqualTo(reply.get("id").asText());
    assertThat(row.get("response").get("choices").get(0).get("message").get("content").asText())
        .isEqualTo(reply.get("choices").get(0).get("message").get("content").asText())
        .contains("remember me");
  }

  @Test
  void aStreamedCallKeepsTheAssembledText() {
    storing.fake().script("gpt-streamed-stored", Behavior.reply("one two three"));
    HttpResponse<String> r = chat(storing, "{\"model\": \"fake/gpt-streamed-stored\", \"stream\": true, "
        + "\"messages\": [{\"role\": \"user\", \"content\": \"count\"}]}");
    JsonNode row = row(storing, r);
    assertThat(row.get("messages").get(0).get("content").asText()).isEqualTo("count");
    assertThat(row.get("response").get("object").asText()).isEqualTo("chat.completion");
    assertThat(row.get("response").get("choices").get(0).get("message").get("content").asText())
        .isEqualTo("one two three");
  }

  @Test
  void theMockModelStreamedOrNotIsKeptToo() {
    HttpResponse<String> plainReply = chat(storing,
        "{\"model\": \"mock-model\", \"messages\": [{\"role\": \"user\", \"content\": \"mock me\"}]}");
    assertThat(row(storing, plainReply).get("response").get("choices").get(0).get("message").get("content")
        .asText()).contains("mock me");
    HttpResponse<String> streamed = chat(storing, "{\"model\": \"mock-model\", \"stream\": true, "
        + "\"messages\": [{\"role\": \"user\", \"content\": \"stream me\"}]}");
    assertThat(row(storing, streamed).get("response").get("choices").get(0).get("message").get("content")
        .asText()).contains("stream me");
  }

  @Test
  void aLongMessageIsStoredCutToTheCap() {
    String longText = "x".repeat(PromptCapture.MAX_STRING_CHARS * 3);
    HttpResponse<String> r = chat(storing, "{\"model\": \"mock-model\", \"messages\": [{\"role\": \"user\", "
        + "\"content\": \"" + longText + "\"}]}");
    JsonNode row = row(storing, r);
    String stored = row.get("messages").get(0).get("content").asText();
    assertThat(stored.length()).isLessThan(PromptCapture.MAX_STRING_CHARS + 100);
    assertThat(stored).contains("litellm_truncated");
    assertThat(columnLength(storing, row.get("request_id").asText(), "response"))
        .isLessThanOrEqualTo(PromptCapture.MAX_COLUMN_CHARS);
  }

  @Test
  void withoutTheSettingNoPromptIsStored() {
    HttpResponse<String> r = chat(plain,
        "{\"model\": \"mock-priced\", \"messages\": [{\"role\": \"user\", \"content\": \"secret prompt\"}]}");
    JsonNode row = row(plain, r);
    assertThat(row.get("messages")).isEqualTo(Json.object());
    assertThat(row.get("response")).isEqualTo(Json.object());
    assertThat(columnLength(plain, row.get("request_id").asText(), "messages")).isZero();
  }

  @Test
  void embeddingsRowsKeepNeither() throws Exception {
    storing.fake().script("embed-upstream", Behavior.embedding(4));
    HttpRequest request = HttpRequest.newBuilder(URI.create(storing.url("/v1/embeddings")))
        .header("authorization", "Bearer " + MASTER).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"embed-model\", \"input\": \"vectors\"}")).build();
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode row = row(storing, r);
    assertThat(row.get("messages")).isEqualTo(Json.object());
    assertThat(row.get("response")).isEqualTo(Json.object());
  }

  @Test
  void disableSpendLogsWritesNoRowButStillCountsTheSpend() throws Exception {
    HttpRequest generate = HttpRequest.newBuilder(URI.create(noLogs.url("/key/generate")))
        .header("authorization", "Bearer " + MASTER).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    String key = Json.tree(CLIENT.send(generate, HttpResponse.BodyHandlers.ofByteArray()).body()).get("key").asText();
    HttpRequest request = HttpRequest.newBuilder(URI.create(noLogs.url("/v1/chat/completions")))
        .header("authorization", "Bearer " + key).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\": \"mock-priced\", \"messages\": [{\"role\": \"user\", \"content\": \"no log\"}]}"))
        .build();
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    double cost = Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow());
    assertThat(cost).isGreaterThan(0);
    noLogs.controlPlane().spend().flush();
    String id = r.headers().firstValue("x-litellm-call-id").orElseThrow();
    long rows = noLogs.controlPlane().database().inline(c -> {
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM tg_spend_logs WHERE request_id = ?")) {
        s.setString(1, id);
        try (var rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
    assertThat(rows).isZero();
    double keySpend = noLogs.controlPlane().database().inline(c -> {
      try (var s = c.prepareStatement("SELECT spend FROM tg_keys WHERE token = ?")) {
        s.setString(1, dev.tollgate.gateway.keys.Keys.hash(key));
        try (var rs = s.executeQuery()) {
          rs.next();
          return rs.getDouble(1);
        }
      }
    });
    assertThat(keySpend).isEqualTo(cost);
  }

  private static HttpResponse<String> chat(RunningGateway gw, String body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
          .header("authorization", "Bearer " + MASTER).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return r;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The call's row from /spend/logs (after a flush). */
  private static JsonNode row(RunningGateway gw, HttpResponse<String> r) {
    String id = r.headers().firstValue("x-litellm-call-id").orElseThrow();
    gw.controlPlane().spend().flush();
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/spend/logs?request_id=" + id)))
          .header("authorization", "Bearer " + MASTER).GET().build();
      HttpResponse<String> logs = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(logs.statusCode()).as(logs.body()).isEqualTo(200);
      JsonNode rows = Json.tree(logs.body().getBytes(StandardCharsets.UTF_8));
      assertThat(rows).hasSize(1);
      return rows.get(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long columnLength(RunningGateway gw, String requestId, String column) {
    return gw.controlPlane().database().inline(c -> {
      try (var s = c.prepareStatement("SELECT " + column + " FROM tg_spend_logs WHERE request_id = ?")) {
        s.setString(1, requestId);
        try (var rs = s.executeQuery()) {
          rs.next();
          String v = rs.getString(1);
          return v == null ? 0L : (long) v.length();
        }
      }
    });
  }
}
