package dev.tollgate.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameters Ollama cannot honour, web image URLs, tool_choice, endpoint and key, both registered prefixes. */
class OllamaChatBodyTest {
  private static final String HELLO = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  private static JsonNode send(String json, CallTarget target) {
    return Json.tree(OllamaTestSupport.PROVIDER.chat().chatCall(OllamaTestSupport.json(json), target).body());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {",\"n\":3", ",\"logit_bias\":{\"1\":2}", ",\"logprobs\":true",
      ",\"tool_choice\":\"required\"", ",\"reasoning_effort\":\"extreme\"", ",\"parallel_tool_calls\":false"})
  void aParameterOllamaCannotHonourIsRefusedByNameOrDropped(String param) {
    String name = param.substring(2, param.indexOf('"', 2));

    assertThatThrownBy(() -> send(HELLO + param + "}", OllamaTestSupport.target("llama3.2")))
        .isInstanceOfSatisfying(UnsupportedParamsException.class, e -> assertThat(e.param()).isEqualTo(name));
    JsonNode dropped = send(HELLO + param + "}", OllamaTestSupport.target("llama3.2").withDropParams(true));
    assertThat(dropped.has(name)).isFalse();
    assertThat(dropped.has("think")).isFalse();
  }

  @Test
  void aWebImageUrlIsRefusedSinceOllamaNeedsTheBytes() {
    String json = "{\"model\":\"llava\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
        + "\"what?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/pig.png\"}}]}]}";

    assertThatThrownBy(() -> send(json, OllamaTestSupport.target("llava")))
        .isInstanceOf(UnsupportedParamsException.class)
        .hasMessageContaining("web URL");
    JsonNode dropped = send(json, OllamaTestSupport.target("llava").withDropParams(true));
    assertThat(dropped.at("/messages/0/content").asText()).isEqualTo("what?");
    assertThat(dropped.at("/messages/0").has("images")).isFalse();
  }

  @Test
  void toolChoiceNoneWithholdsTheTools() {
    JsonNode body = send(HELLO + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
        + "{\"type\":\"object\"}}}],\"tool_choice\":\"none\"}", OllamaTestSupport.target("llama3.2"));

    assertThat(body.has("tools")).isFalse();
  }

  @Test
  void anExplicitThinkAndOptionsObjectPassThrough() {
    JsonNode body = send(HELLO + ",\"think\":true,\"reasoning_effort\":\"low\",\"options\":{\"num_ctx\":4096,"
        + "\"temperature\":1.0},\"temperature\":0.5}", OllamaTestSupport.target("qwen3"));

    assertThat(body.get("think").asBoolean()).isTrue();
    assertThat(body.at("/options/num_ctx").asInt()).isEqualTo(4096);
    assertThat(body.at("/options/temperature").asDouble()).isEqualTo(0.5);
    assertThat(body.has("temperature")).isFalse();
  }

  @Test
  void reasoningEffortNoneTurnsThinkingOff() {
    assertThat(send(HELLO + ",\"reasoning_effort\":\"none\"}", OllamaTestSupport.target("qwen3")).get("think")
        .isBoolean()).isTrue();
  }

  @Test
  void theBaseComesFromTheEnvironmentAndAKeyIsSentOnlyWhenThere() {
    CallTarget remote = OllamaTestSupport.PROVIDER.resolve(CallTarget.of("ollama", "llama3.2"),
        Map.of("OLLAMA_API_BASE", "https://ollama.com", "OLLAMA_API_KEY", "ok-123"));
    HttpCall call = OllamaTestSupport.PROVIDER.chat().chatCall(OllamaTestSupport.json(HELLO + "}"), remote);
    assertThat(call.url()).isEqualTo("https://ollama.com/api/chat");
    assertThat(call.headers()).containsEntry("authorization", "Bearer ok-123");

    HttpCall local = OllamaTestSupport.PROVIDER.chat().chatCall(OllamaTestSupport.json(HELLO + "}"),
        OllamaTestSupport.target("llama3.2"));
    assertThat(local.url()).isEqualTo("http://localhost:11434/api/chat");
    assertThat(local.headers()).containsOnlyKeys("content-type");
  }

  @Test
  void bothPrefixesAreTheNativeAdapter() {
    ProviderRegistry registry = ProviderRegistry.defaults();
    for (String prefix : new String[] {"ollama", "ollama_chat"}) {
      var provider = registry.find(prefix).orElseThrow();
      assertThat(provider).isInstanceOf(OllamaProvider.class);
      CallTarget target = provider.resolve(CallTarget.of(prefix, "llama3.2"), Map.of());
      assertThat(provider.chat().chatCall(OllamaTestSupport.json(HELLO + "}"), target).url()).endsWith("/api/chat");
    }
  }

  @Test
  void aToolResultForAnUnknownCallStillCarriesItsId() {
    JsonNode body = send("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"tool\","
        + "\"tool_call_id\":\"call_9\",\"content\":\"42\"}]}", OllamaTestSupport.target("m"));

    assertThat(body.at("/messages/1/tool_call_id").asText()).isEqualTo("call_9");
    assertThat(body.at("/messages/1").has("tool_name")).isFalse();
  }
}
