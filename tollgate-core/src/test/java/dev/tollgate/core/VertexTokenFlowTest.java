package dev.tollgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.auth.AccessToken;
import dev.tollgate.core.auth.AccessTokens;
import dev.tollgate.core.auth.GoogleAccessTokens;
import dev.tollgate.core.stream.ChunkStream;
import dev.tollgate.core.transport.JdkHttpTransport;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.FakeUpstream;
import dev.tollgate.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK calling {@code vertex_ai/...} for real against the fake: the service-account JSON (a test key generated for
 * this repository) is signed into a JWT by Google's auth library, exchanged at the fake token endpoint, which checks
 * the signature with the public key, and the access token is then required by the fake Vertex endpoint.
 */
class VertexTokenFlowTest {
  static final String CLIENT_EMAIL = "tollgate-test@tollgate-test-project.iam.gserviceaccount.com";
  private static FakeUpstream fake;
  private final List<String> fetchThreads = new CopyOnWriteArrayList<>();
  private TollgateClient client;
  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    fake = FakeUpstream.start();
    fake.acceptGoogleServiceAccount(CLIENT_EMAIL, publicKey());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    fake.reset();
    client = client(Map.of(
        "GOOGLE_APPLICATION_CREDENTIALS", serviceAccountFile().toString(),
        "VERTEXAI_PROJECT", "tollgate-test-project",
        "VERTEXAI_LOCATION", "europe-west4"));
  }

  private TollgateClient client(Map<String, String> env) {
    GoogleAccessTokens google = new GoogleAccessTokens();
    AccessTokens tokens = new AccessTokens(request -> {
      fetchThreads.add(Thread.currentThread().getName());
      return google.fetch(request);
    }, Clock.systemUTC(), AccessTokens.DEFAULT_MARGIN);
    return new TollgateClient(ProviderRegistry.defaults(), new JdkHttpTransport(), env, null, tokens);
  }

  private static CallOptions atFake() {
    return CallOptions.builder().apiBase(fake.rootUrl()).build();
  }

  private static ChatRequest hello(String model) {
    return ChatRequest.builder().model(model).addMessage(ChatMessage.user("Hello Vertex")).build();
  }

  @Test
  void aCompletionFetchesOneTokenAndReusesItUntilItNearsExpiry() {
    long before = fake.issuedGoogleTokens();

    ChatResponse first = client.completion(hello("vertex_ai/gemini-2.5-flash"), atFake());
    ChatResponse second = client.completion(hello("vertex_ai/gemini-2.5-flash"), atFake());

    assertThat(first.text()).isEqualTo("echo: Hello Vertex");
    assertThat(second.text()).isEqualTo("echo: Hello Vertex");
    assertThat(fake.issuedGoogleTokens() - before).isEqualTo(1);
    RecordedRequest sent = fake.lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/projects/tollgate-test-project/locations/europe-west4/publishers/google"
        + "/models/gemini-2.5-flash:generateContent");
    assertThat(sent.header("authorization")).startsWith("Bearer ya29.fake-");
    assertThat(sent.json().at("/contents/0/role").asText()).isEqualTo("user");
  }

  @Test
  void aRevokedTokenFailsOnceAndTheNextCallFetchesANewOne() {
    client.completion(hello("vertex_ai/gemini-2.5-flash"), atFake());
    long before = fake.issuedGoogleTokens();
    fake.revokeGoogleTokens();

    assertThatThrownBy(() -> client.completion(hello("vertex_ai/gemini-2.5-flash"), atFake()))
        .isInstanceOf(AuthenticationException.class);
    ChatResponse again = client.completion(hello("vertex_ai/gemini-2.5-flash"), atFake());

    assertThat(again.text()).isEqualTo("echo: Hello Vertex");
    assertThat(fake.issuedGoogleTokens()).isEqualTo(before + 1);
  }

  @Test
  void asyncCallsFetchTheTokenOnATokenThreadNotTheCallers() throws Exception {
    ChatResponse response = client.completionAsync(hello("vertex_ai/gemini-2.5-pro"), atFake()).get();

    assertThat(response.text()).isEqualTo("echo: Hello Vertex");
    assertThat(fetchThreads).hasSize(1);
    assertThat(fetchThreads.get(0)).startsWith("tollgate-token-fetch-");
  }

  @Test
  void streamingAndEmbeddingsCarryTheTokenToo() {
    fake.script("gemini-2.5-flash", Behavior.reply("streamed from vertex").chunked(3));
    String text;
    try (ChunkStream stream = client.stream(hello("vertex_ai/gemini-2.5-flash"), atFake())) {
      text = stream.stream().map(ChatChunk::deltaText).collect(Collectors.joining());
    }
    assertThat(text).isEqualTo("streamed from vertex");
    assertThat(fake.lastRequest().path()).endsWith(":streamGenerateContent");
    assertThat(fake.lastRequest().query()).isEqualTo("alt=sse");

    EmbeddingResponse embeddings = client.embedding(
        EmbeddingRequest.of("vertex_ai/text-embedding-005", List.of("a", "bb")), atFake());
    assertThat(embeddings.data()).hasSize(2);
    assertThat(embeddings.usage().promptTokens()).isEqualTo(2);
    assertThat(fake.lastRequest().path()).endsWith("/publishers/google/models/text-embedding-005:predict");
    assertThat(fake.lastRequest().json().at("/instances/1/content").asText()).isEqualTo("bb");
  }

  @Test
  void claudeOnVertexGoesThroughTheAnthropicAdapterToRawPredict() {
    fake.script("claude-sonnet-4-5@20250929", Behavior.reply("Hello from Claude on Vertex"));

    ChatResponse response = client.completion(hello("vertex_ai/claude-sonnet-4-5@20250929"), atFake());

    assertThat(response.text()).isEqualTo("Hello from Claude on Vertex");
    assertThat(response.usage().promptTokens()).isPositive();
    RecordedRequest sent = fake.lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/projects/tollgate-test-project/locations/europe-west4/publishers/anthropic"
        + "/models/claude-sonnet-4-5@20250929:rawPredict");
    assertThat(sent.header("authorization")).startsWith("Bearer ya29.fake-");
    assertThat(sent.header("x-api-key")).isNull();
    assertThat(sent.json().has("model")).isFalse();
    assertThat(sent.json().get("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");

    String text;
    try (ChunkStream stream = client.stream(hello("vertex_ai/claude-sonnet-4-5@20250929"), atFake())) {
      text = stream.stream().map(ChatChunk::deltaText).collect(Collectors.joining());
    }
    assertThat(text).isEqualTo("Hello from Claude on Vertex");
    assertThat(fake.lastRequest().path()).endsWith(":streamRawPredict");
  }

  @Test
  void inlineCredentialsWork() throws IOException {
    String json = Files.readString(serviceAccountFile());
    TollgateClient inline = client(Map.of("VERTEXAI_CREDENTIALS", json)); // project comes from the JSON
    ChatResponse response = inline.completion(hello("vertex_ai/gemini-2.5-flash"), atFake());
    assertThat(response.text()).isEqualTo("echo: Hello Vertex");
    assertThat(fake.lastRequest().path())
        .startsWith("/v1/projects/tollgate-test-project/locations/us-central1/");
  }

  @Test
  void projectAndLocationMayComeWithTheRequestAndAreNotSentUpstream() {
    ChatRequest request = hello("vertex_ai/gemini-2.5-flash").toBuilder()
        .extra("vertex_project", com.fasterxml.jackson.databind.node.TextNode.valueOf("request-project"))
        .extra("vertex_location", com.fasterxml.jackson.databind.node.TextNode.valueOf("global"))
        .build();
    client.completion(request, atFake());
    assertThat(fake.lastRequest().path())
        .startsWith("/v1/projects/request-project/locations/global/publishers/google/");
    assertThat(fake.lastRequest().bodyString()).doesNotContain("vertex_");
  }

  @Test
  void aKeyTheTokenEndpointDoesNotKnowIsAnAuthenticationError() throws Exception {
    String forged = Files.readString(serviceAccountFile()).replace(
        pemBody(Files.readString(serviceAccountFile())), otherPrivateKeyPem());
    Path file = dir.resolve("forged.json");
    Files.writeString(file, forged);
    TollgateClient wrongKey = client(Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString(),
        "VERTEXAI_PROJECT", "p"));

    assertThatThrownBy(() -> wrongKey.completion(hello("vertex_ai/gemini-2.5-flash"), atFake()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Invalid JWT Signature");
  }

  @Test
  void anExplicitTokenSkipsTheExchangeAndAWrongOneIsRejectedByVertex() {
    long before = fake.issuedGoogleTokens();
    CallOptions withToken = CallOptions.builder().apiBase(fake.rootUrl()).apiKey("ya29.not-issued").build();
    assertThatThrownBy(() -> client.completion(hello("vertex_ai/gemini-2.5-flash"), withToken))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid authentication credentials");
    assertThat(fake.issuedGoogleTokens()).isEqualTo(before);
    assertThat(fetchThreads).isEmpty();
  }

  @Test
  void theCacheIsPerCredentials() {
    AccessToken token = new AccessTokens(new GoogleAccessTokens(), Clock.systemUTC(), Duration.ZERO)
        .get(new dev.tollgate.providers.spi.AccessTokenRequest(
            dev.tollgate.providers.spi.AccessTokenRequest.GOOGLE, null, serviceAccountFileUnchecked(),
            List.of("https://www.googleapis.com/auth/cloud-platform")));
    assertThat(token.value()).startsWith("ya29.fake-");
    assertThat(token.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(3000));
    assertThat(token.toString()).doesNotContain(token.value());
  }

  private String serviceAccountFileUnchecked() {
    try {
      return serviceAccountFile().toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The fixture with its token_uri pointed at the fake. */
  private Path serviceAccountFile() throws IOException {
    Path file = dir.resolve("service-account.json");
    if (!Files.exists(file)) {
      Files.writeString(file, fixture("test-service-account.json").replace("${TOKEN_URI}", fake.googleTokenUri()));
    }
    return file;
  }

  static PublicKey publicKey() throws Exception {
    String pem = fixture("test-service-account.pub.pem");
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = VertexTokenFlowTest.class.getResourceAsStream("/fixtures/vertex/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The escaped PEM text of the private key as it appears inside the JSON file. */
  private static String pemBody(String json) {
    int start = json.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = json.indexOf("-----END PRIVATE KEY-----") + "-----END PRIVATE KEY-----".length();
    return json.substring(start, end);
  }

  private static String otherPrivateKeyPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        .replace("\n", "\\n");
    return "-----BEGIN PRIVATE KEY-----\\n" + body + "\\n-----END PRIVATE KEY-----";
  }
}
