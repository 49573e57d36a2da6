package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Every bad request gets a 4xx in OpenAI's error shape with a message a person can act on; nothing reaches upstream. */
class BadInputTest {
  private static RunningGateway gw;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/fake-upstream-config.yaml");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvFileSource(resources = "/gateway/bad-input/cases.csv", quoteCharacter = '\'', delimiter = ',')
  void badChatBodies(String file, int status, String param, String fragment) throws Exception {
    gw.fake().reset();
    HttpResponse<String> response = post("/v1/chat/completions", fixture(file), "application/json",
        RunningGateway.MASTER_KEY);

    JsonNode error = assertOpenAiError(response, status);
    assertThat(error.get("message").asText()).contains(fragment);
    if (!"-".equals(param)) {
      assertThat(error.get("param").asText()).isEqualTo(param);
    }
    assertThat(gw.fake().requests()).isEmpty();
  }

  @Test
  void missingKeyIs401() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", fixture("unknown-model.json"), "application/json",
        null);
    assertThat(assertOpenAiError(response, 401).get("message").asText()).contains("No api key passed in");
  }

  @Test
  void otherKeyHeadersAreAccepted() throws Exception {
    for (String header : new String[] {"x-litellm-api-key", "api-key", "x-api-key"}) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/v1/models")))
          .header(header, RunningGateway.MASTER_KEY).GET().build();
      assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).as(header).isEqualTo(200);
    }
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", fixture("unknown-model.json"), "text/plain",
        RunningGateway.MASTER_KEY);
    assertThat(assertOpenAiError(response, 415).get("message").asText()).contains("application/json");
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpResponse<String> response = post("/v1/chat/completions", big, "application/json", RunningGateway.MASTER_KEY);
    assertThat(assertOpenAiError(response, 413).get("message").asText()).contains("larger than");
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs4xx() throws Exception {
    HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(gw.url("/v1/nothing-here")))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertOpenAiError(missing, 404);

    HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isBetween(400, 499);
    assertThat(Json.tree(wrongMethod.body().getBytes()).has("error")).isTrue();
  }

  @Test
  void badEmbeddingInput() throws Exception {
    HttpResponse<String> response = post("/v1/embeddings", fixture("missing-model.json"), "application/json",
        RunningGateway.MASTER_KEY);
    assertOpenAiError(response, 400);
  }

  @Test
  void healthNeedsNoKey() throws Exception {
    HttpResponse<String> live = HTTP.send(HttpRequest.newBuilder(URI.create(gw.url("/health/liveliness"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(live.statusCode()).isEqualTo(200);
    HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(gw.url("/health/readiness"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(Json.tree(ready.body().getBytes()).get("status").asText()).isEqualTo("healthy");
  }

  static JsonNode assertOpenAiError(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    JsonNode body = Json.tree(response.body().getBytes());
    JsonNode error = body.get("error");
    assertThat(error).as(response.body()).isNotNull();
    assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code")).isTrue();
    assertThat(error.get("code").asText()).isEqualTo(Integer.toString(status));
    assertThat(response.body()).doesNotContain("Exception", "\tat ");
    return error;
  }

  private static HttpResponse<String> post(String path, byte[] body, String contentType, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gw.url(path)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("content-type", contentType);
    if (key != null) {
      builder.header("authorization", "Bearer " + key);
    }
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = BadInputTest.class.getResourceAsStream("/gateway/bad-input/" + name)) {
      return in.readAllBytes();
    }
  }
}
