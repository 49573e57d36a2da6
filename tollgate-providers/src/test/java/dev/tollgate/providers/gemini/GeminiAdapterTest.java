package dev.tollgate.providers.gemini;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static dev.tollgate.providers.gemini.GeminiTestSupport.ENV;
import static dev.tollgate.providers.gemini.GeminiTestSupport.normalized;
import static dev.tollgate.providers.gemini.GeminiTestSupport.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiAdapterTest {
  private final GeminiAdapter gemini = new GeminiAdapter();

  static List<String> chatCases() {
    return Fixtures.cases("gemini/chat");
  }

  private static ChatRequest hello(String model) {
    return ChatRequest.builder().model(model).addMessage(ChatMessage.user("hi")).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chatCases")
  void chatFixtureGivesTheExpectedCallAndParsesTheReply(String name) throws Exception {
    String dir = "gemini/chat/" + name + "/";
    ChatRequest request = Json.read(Fixtures.bytes(dir + "request.json"), ChatRequest.class);
    CallTarget target = target(request.model());
    HttpCall call = gemini.chat().chatCall(request, target);

    JsonNode expected = Fixtures.tree(dir + "expected-call.json");
    assertThat(call.method()).isEqualTo(expected.get("method").asText());
    assertThat(call.url()).isEqualTo(expected.get("url").asText());
    assertThat(call.headers()).isEqualTo(Json.MAPPER.convertValue(expected.get("headers"), Map.class));
    assertJsonEquals(Json.tree(call.body()), expected.get("body"));

    ChatResponse response = gemini.chat().chatResponse(
        new HttpReply(200, Map.of(), Fixtures.bytes(dir + "reply.json")), target);
    assertJsonEquals(normalized(wire(response)), Fixtures.tree(dir + "expected-response.json"));
  }

  @Test
  void aToolCallIdCarriesTheThoughtSignatureBackIntoTheNextTurn() {
    CallTarget target = target("gemini-3-pro-preview");
    ChatResponse first = gemini.chat().chatResponse(
        new HttpReply(200, Map.of(), Fixtures.bytes("gemini/chat/tools/reply.json")), target);
    ChatMessage assistant = first.choices().get(0).message();
    ChatRequest next = ChatRequest.builder().model("gemini-3-pro-preview")
        .addMessage(ChatMessage.user("Weather in Rome?"))
        .addMessage(assistant)
        .addMessage(ChatMessage.tool(assistant.toolCalls().get(0).id(), "25C"))
        .addMessage(ChatMessage.tool(assistant.toolCalls().get(1).id(), "{\"time\":\"13:00\"}"))
        .build();

    JsonNode body = Json.tree(gemini.chat().chatCall(next, target).body());

    assertThat(body.at("/contents/1/parts/1/thoughtSignature").asText()).isEqualTo("c2lnLXR3bw==");
    assertThat(body.at("/contents/1/parts/2/thoughtSignature").isMissingNode()).isTrue();
    assertThat(body.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
    assertThat(body.at("/contents/2/parts/1/functionResponse/name").asText()).isEqualTo("get_time");
    assertThat(body.at("/contents/2/parts/1/functionResponse/response/time").asText()).isEqualTo("13:00");
  }

  @Test
  void streamingGoesToStreamGenerateContentWithSse() {
    ChatRequest request = hello("gemini-2.5-flash").toBuilder().stream(true).build();
    HttpCall call = gemini.chat().chatCall(request, target("gemini-2.5-flash"));
    assertThat(call.url()).isEqualTo(
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  }

  @Test
  void resolveUsesTheDeploymentThenTheEnvironment() {
    CallTarget fromEnv = gemini.resolve(CallTarget.of("gemini", "m"),
        Map.of("GOOGLE_API_KEY", "google-key", "GEMINI_API_BASE", "http://127.0.0.1:9/"));
    assertThat(fromEnv.apiKey()).isEqualTo("google-key");
    assertThat(gemini.chat().chatCall(hello("m"), fromEnv).url())
        .isEqualTo("http://127.0.0.1:9/v1beta/models/m:generateContent");

    CallTarget both = gemini.resolve(CallTarget.of("gemini", "m"),
        Map.of("GOOGLE_API_KEY", "google-key", "GEMINI_API_KEY", "gemini-key"));
    assertThat(both.apiKey()).isEqualTo("gemini-key");
    assertThat(both.apiBase()).isEqualTo(GeminiAdapter.DEFAULT_BASE);

    CallTarget own = gemini.resolve(CallTarget.of("gemini", "m").withApiKey("own").withApiBase("https://x/v1beta"),
        ENV);
    assertThat(own.apiKey()).isEqualTo("own");
    assertThat(gemini.chat().chatCall(hello("models/m"), own).url()).isEqualTo("https://x/v1beta/models/m:generateContent");
  }

  @Test
  void aMissingKeyFailsBeforeAnythingIsSent() {
    CallTarget noKey = gemini.resolve(CallTarget.of("gemini", "m"), Map.of());
    assertThatThrownBy(() -> gemini.chat().chatCall(hello("m"), noKey))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("GEMINI_API_KEY");
  }

  @Test
  void unsupportedParamsFailUnlessDropped() {
    ChatRequest request = hello("m").toBuilder().extra("logit_bias", Json.object().put("50256", -100)).build();
    assertThatThrownBy(() -> gemini.chat().chatCall(request, target("m")))
        .isInstanceOf(UnsupportedParamsException.class)
        .hasMessageContaining("logit_bias");
    JsonNode body = Json.tree(gemini.chat().chatCall(request, target("m").withDropParams(true)).body());
    assertThat(body.has("generationConfig")).isFalse();
    assertThat(body.toString()).doesNotContain("logit_bias");
  }

  @Test
  void deploymentParamsAreDefaultsTheRequestOverrides() {
    CallTarget target = new CallTarget("gemini", "m", null, "k", null, null, null,
        Map.of("temperature", DoubleNode.valueOf(0.2), "max_tokens", IntNode.valueOf(99)), false);
    target = gemini.resolve(target, Map.of());
    ChatRequest request = hello("m").toBuilder().temperature(0.9).build();
    JsonNode config = Json.tree(gemini.chat().chatCall(request, target).body()).get("generationConfig");
    assertThat(config.get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(config.get("maxOutputTokens").asInt()).isEqualTo(99);
  }

  @Test
  void aToolResultThatAnswersNoKnownCallNeedsAName() {
    ChatRequest orphan = ChatRequest.builder().model("m")
        .addMessage(ChatMessage.user("hi"))
        .addMessage(ChatMessage.tool("call_unknown", "42"))
        .build();
    assertThatThrownBy(() -> gemini.chat().chatCall(orphan, target("m")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("call_unknown");
    ChatRequest named = ChatRequest.builder().model("m")
        .addMessage(ChatMessage.user("hi"))
        .addMessage(ChatMessage.tool("call_unknown", "42").toBuilder().name("answer").build())
        .build();
    JsonNode body = Json.tree(gemini.chat().chatCall(named, target("m")).body());
    assertThat(body.at("/contents/0/parts/1/functionResponse/name").asText()).isEqualTo("answer");
  }

  @Test
  void aLoneSystemPromptIsSentAsTheUserTurn() {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(ChatMessage.system("Tell a joke.")).build();
    JsonNode body = Json.tree(gemini.chat().chatCall(request, target("m")).body());
    assertThat(body.has("systemInstruction")).isFalse();
    assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
    assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("Tell a joke.");
  }

  @Test
  void gemini3ReasoningEffortIsAThinkingLevel() {
    ChatRequest request = hello("gemini-3-pro-preview").toBuilder()
        .extra("reasoning_effort", Json.MAPPER.getNodeFactory().textNode("high")).build();
    JsonNode thinking = Json.tree(gemini.chat().chatCall(request, target("gemini-3-pro-preview")).body())
        .at("/generationConfig/thinkingConfig");
    assertThat(thinking.get("thinkingLevel").asText()).isEqualTo("HIGH");
    assertThat(thinking.get("includeThoughts").asBoolean()).isTrue();
    assertThat(thinking.has("thinkingBudget")).isFalse();
  }

  @Test
  void toolCallArgumentsThatAreNotAnObjectAreRefused() {
    ChatRequest request = ChatRequest.builder().model("m")
        .addMessage(ChatMessage.user("hi"))
        .addMessage(ChatMessage.builder().role("assistant")
            .addToolCall(dev.tollgate.providers.types.ToolCall.function("call_1", "f", "[1,2]")).build())
        .build();
    assertThatThrownBy(() -> gemini.chat().chatCall(request, target("m")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("JSON object");
  }

  @Test
  void aBlockedPromptIsAContentPolicyViolation() {
    byte[] reply = "{\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"blockReasonMessage\":\"unsafe\"}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> gemini.chat().chatResponse(new HttpReply(200, Map.of(), reply), target("m")))
        .isInstanceOf(ContentPolicyViolationException.class)
        .hasMessageContaining("SAFETY")
        .hasMessageContaining("unsafe");
  }

  @Test
  void usageWhoseCandidatesAlreadyIncludeThoughtsIsNotCountedTwice() {
    byte[] reply = ("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\"STOP\"}],"
        + "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":30,\"thoughtsTokenCount\":20,"
        + "\"totalTokenCount\":40}}").getBytes(StandardCharsets.UTF_8);
    ChatResponse response = gemini.chat().chatResponse(new HttpReply(200, Map.of(), reply), target("m"));
    assertThat(response.usage().promptTokens()).isEqualTo(10);
    assertThat(response.usage().completionTokens()).isEqualTo(30);
    assertThat(response.usage().totalTokens()).isEqualTo(40);
    assertThat(response.usage().extra().get("completion_tokens_details").get("reasoning_tokens").asInt())
        .isEqualTo(20);
  }

  @Test
  void embeddingsFixture() throws Exception {
    String dir = "gemini/embeddings/";
    EmbeddingRequest request = Json.read(Fixtures.bytes(dir + "request.json"), EmbeddingRequest.class);
    CallTarget target = target(request.model());
    var embeddings = gemini.embeddings().orElseThrow();
    HttpCall call = embeddings.embeddingCall(request, target);
    JsonNode expected = Fixtures.tree(dir + "expected-call.json");
    assertThat(call.url()).isEqualTo(expected.get("url").asText());
    assertThat(call.headers()).isEqualTo(Json.MAPPER.convertValue(expected.get("headers"), Map.class));
    assertJsonEquals(Json.tree(call.body()), expected.get("body"));

    EmbeddingResponse response = embeddings.embeddingResponse(
        new HttpReply(200, Map.of(), Fixtures.bytes(dir + "reply.json")), target);
    assertJsonEquals(wire(response), Fixtures.tree(dir + "expected-response.json"));
  }

  @Test
  void tokenArrayEmbeddingInputIsRefused() {
    EmbeddingRequest tokens = new EmbeddingRequest("e", Json.MAPPER.createArrayNode().add(1).add(2), null, null,
        null, null);
    assertThatThrownBy(() -> gemini.embeddings().orElseThrow().embeddingCall(tokens, target("e")))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void theDefaultRegistryKnowsGemini() {
    assertThat(ProviderRegistry.defaults().find("gemini")).get().isInstanceOf(GeminiAdapter.class);
  }
}
