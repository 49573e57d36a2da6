package dev.tollgate.testkit;

import static dev.tollgate.testkit.TestHttp.fixture;
import static dev.tollgate.testkit.TestHttp.postString;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamGeminiTest {
  private static final String KEY = "x-goog-api-key";
  private static FakeUpstream fake;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void clean() {
    fake.reset();
  }

  private static String url(String model, String method) {
    return fake.rootUrl() + "/v1beta/models/" + model + ":" + method;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void generateContentEchoesInGeminiFormatWithUsage() {
    HttpResponse<String> r = postString(url("gemini-2.5-flash", "generateContent"),
        fixture("gemini/generate-request.json"), KEY, "k");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.at("/candidates/0/content/role").asText()).isEqualTo("model");
    assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("echo: Hello there");
    assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(body.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(6); // "Be brief." 3 + "Hello there" 3
    assertThat(body.at("/modelVersion").asText()).isEqualTo("gemini-2.5-flash");
    assertThat(fake.lastRequest().header(KEY)).isEqualTo("k");
  }

  @Test
  void scriptedToolCallsOfGemini3ModelsAreSigned() {
    fake.script("gemini-3-pro", Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));
    JsonNode body = json(postString(url("gemini-3-pro", "generateContent"),
        fixture("gemini/generate-request.json"), KEY, "k"));
    assertThat(body.at("/candidates/0/content/parts/0/functionCall/args/city").asText()).isEqualTo("Paris");
    assertThat(body.at("/candidates/0/content/parts/0/thoughtSignature").asText()).isNotEmpty();
  }

  @Test
  void malformedRequestsGetTheApisInvalidArgument() {
    HttpResponse<String> unnamed = postString(url("gemini-2.5-flash", "generateContent"),
        fixture("gemini/unnamed-function-response.json"), KEY, "k");
    assertThat(unnamed.statusCode()).isEqualTo(400);
    assertThat(json(unnamed).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(json(unnamed).at("/error/message").asText()).contains("Name cannot be empty");

    HttpResponse<String> openApi = postString(url("gemini-2.5-flash", "generateContent"),
        fixture("gemini/openapi-parameters-with-json-schema-keys.json"), KEY, "k");
    assertThat(openApi.statusCode()).isEqualTo(400);
    assertThat(json(openApi).at("/error/message").asText()).contains("Unknown name \"additionalProperties\"");

    HttpResponse<String> unsigned = postString(url("gemini-3-flash", "generateContent"),
        fixture("gemini/unsigned-gemini3-call.json"), KEY, "k");
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(json(unsigned).at("/error/message").asText()).contains("missing a thought_signature");

    HttpResponse<String> unknownField = postString(url("gemini-2.5-flash", "generateContent"),
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}],\"messages\":[]}", KEY, "k");
    assertThat(json(unknownField).at("/error/message").asText()).contains("Unknown name \"messages\"");
  }

  @Test
  void aMissingKeyIsPermissionDeniedAndABadKeyIsApiKeyInvalid() {
    HttpResponse<String> none = postString(url("m", "generateContent"), fixture("gemini/generate-request.json"));
    assertThat(none.statusCode()).isEqualTo(403);
    HttpResponse<String> bad = postString(url("m", "generateContent"), fixture("gemini/generate-request.json"),
        KEY, "invalid-key");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).at("/error/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");
  }

  @Test
  void streamIsSseWithCrlfSeparatorsAndNoDoneMarker() {
    fake.script("gemini-2.5-flash", Behavior.reply("one two three").chunked(3));
    HttpResponse<String> r = postString(url("gemini-2.5-flash", "streamGenerateContent") + "?alt=sse",
        fixture("gemini/generate-request.json"), KEY, "k");
    assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
    String[] events = r.body().split("\r\n\r\n");
    assertThat(events).hasSize(3);
    assertThat(r.body()).doesNotContain("[DONE]");
    JsonNode last = Json.tree(events[2].substring("data: ".length()).getBytes(StandardCharsets.UTF_8));
    assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(4);
    StringBuilder text = new StringBuilder();
    for (String event : events) {
      text.append(Json.tree(event.substring(6).getBytes(StandardCharsets.UTF_8))
          .at("/candidates/0/content/parts/0/text").asText());
    }
    assertThat(text.toString()).isEqualTo("one two three");
  }

  @Test
  void scriptedErrorsAreSentAsGiven() {
    fake.script("m", Behavior.error(429, GoogleError.json(429, "RESOURCE_EXHAUSTED", "quota")));
    HttpResponse<String> r = postString(url("m", "generateContent"), fixture("gemini/generate-request.json"),
        KEY, "k");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(json(r).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void batchEmbedContentsGivesOneVectorPerRequest() {
    String body = "{\"requests\":[{\"model\":\"models/e\",\"content\":{\"parts\":[{\"text\":\"a\"}]},"
        + "\"outputDimensionality\":4},{\"model\":\"models/e\",\"content\":{\"parts\":[{\"text\":\"b\"}]},"
        + "\"outputDimensionality\":4}]}";
    JsonNode reply = json(postString(url("e", "batchEmbedContents"), body, KEY, "k"));
    assertThat(reply.get("embeddings")).hasSize(2);
    assertThat(reply.at("/embeddings/1/values")).hasSize(4);
  }

  @Test
  void vertexPathsNeedATokenFromTheFakeTokenEndpoint() throws Exception {
    String vertexUrl = fake.rootUrl()
        + "/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent";
    HttpResponse<String> anonymous = postString(vertexUrl, fixture("gemini/generate-request.json"),
        "authorization", "Bearer made-up");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(json(anonymous).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");

    KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    fake.acceptGoogleServiceAccount("sa@p1.iam.gserviceaccount.com", pair.getPublic());

    HttpResponse<String> forged = token(jwt(other, "sa@p1.iam.gserviceaccount.com", GoogleOAuthFake.AUDIENCE));
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(json(forged).get("error").asText()).isEqualTo("invalid_grant");

    HttpResponse<String> wrongAudience = token(jwt(pair, "sa@p1.iam.gserviceaccount.com", fake.googleTokenUri()));
    assertThat(wrongAudience.statusCode()).isEqualTo(400);

    HttpResponse<String> granted = token(jwt(pair, "sa@p1.iam.gserviceaccount.com", GoogleOAuthFake.AUDIENCE));
    assertThat(granted.statusCode()).isEqualTo(200);
    String accessToken = json(granted).get("access_token").asText();
    assertThat(json(granted).get("expires_in").asInt()).isEqualTo(3600);
    assertThat(fake.issuedGoogleTokens()).isEqualTo(1);

    HttpResponse<String> ok = postString(vertexUrl, fixture("gemini/generate-request.json"),
        "authorization", "Bearer " + accessToken);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("echo: Hello there");
  }

  private static HttpResponse<String> token(String assertion) {
    String form = "grant_type=" + URLEncoder.encode(GoogleOAuthFake.GRANT, StandardCharsets.UTF_8)
        + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(fake.googleTokenUri()))
        .timeout(Duration.ofSeconds(5))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    return TestHttp.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String jwt(KeyPair pair, String issuer, String audience) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = Json.object().put("iss", issuer).put("aud", audience)
        .put("scope", GoogleOAuthFake.SCOPE).put("iat", now).put("exp", now + 3600);
    String head = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(Json.write(claims));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(pair.getPrivate());
    rsa.update(head.getBytes(StandardCharsets.US_ASCII));
    return head + "." + b64.encodeToString(rsa.sign());
  }
}
