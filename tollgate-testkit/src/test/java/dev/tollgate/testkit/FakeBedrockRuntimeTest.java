package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake Bedrock Runtime's own contract: authentication, Bedrock's validation errors, routing by path. */
class FakeBedrockRuntimeTest {
  private static final String CONVERSE = "/model/amazon.nova-lite-v1%3A0/converse";
  private static FakeUpstream fake;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private static HttpResponse<String> post(String path, String body, String... headers) {
    return TestHttp.postString(fake.rootUrl() + path, body, headers);
  }

  @Test
  void malformedConverseBodiesGetBedrocksValidationException() {
    JsonNode cases = Json.tree(TestHttp.fixture("bedrock/malformed-converse.json").getBytes(StandardCharsets.UTF_8));
    for (JsonNode c : cases) {
      HttpResponse<String> response = post(CONVERSE, Json.writeString(c.get("body")),
          "authorization", "Bearer " + FakeBedrock.API_KEY);

      assertThat(response.statusCode()).as(c.get("why").asText()).isEqualTo(400);
      assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(c.get("why").asText())
          .hasValueSatisfying(v -> assertThat(v).startsWith("ValidationException:"));
      assertThat(TestHttp.json(response).get("message").asText()).as(c.get("why").asText())
          .contains(c.get("message").asText());
    }
  }

  @Test
  void aWellFormedBodyIsAnsweredInConversesShape() {
    HttpResponse<String> response = post(CONVERSE,
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"ping\"}]}],\"inferenceConfig\":{\"maxTokens\":5}}",
        "authorization", "Bearer " + FakeBedrock.API_KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode reply = TestHttp.json(response);
    assertThat(reply.at("/output/message/content/0/text").asText()).isEqualTo("echo: ping");
    assertThat(reply.get("stopReason").asText()).isEqualTo("end_turn");
    assertThat(reply.at("/usage/totalTokens").asInt()).isEqualTo(
        reply.at("/usage/inputTokens").asInt() + reply.at("/usage/outputTokens").asInt());
  }

  @Test
  void unsignedOrWronglyKeyedRequestsAreRefusedAsAwsDoes() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"ping\"}]}]}";

    HttpResponse<String> unsigned = post(CONVERSE, body);
    HttpResponse<String> badSignature = post(CONVERSE, body, "x-amz-date", "20260101T000000Z", "authorization",
        "AWS4-HMAC-SHA256 Credential=" + FakeBedrock.ACCESS_KEY_ID + "/20260101/us-east-1/bedrock/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));

    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("MissingAuthenticationTokenException");
    assertThat(badSignature.statusCode()).isEqualTo(403);
    assertThat(badSignature.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("InvalidSignatureException");
  }

  @Test
  void titanEmbeddingsRefuseOpenAiFields() {
    HttpResponse<String> response = post("/model/amazon.titan-embed-text-v2%3A0/invoke",
        "{\"input\":\"hello\"}", "authorization", "Bearer " + FakeBedrock.API_KEY);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(response).get("message").asText()).contains("extraneous key [input]");
  }
}
