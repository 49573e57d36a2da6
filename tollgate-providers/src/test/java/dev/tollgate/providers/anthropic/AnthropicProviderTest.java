package dev.tollgate.providers.anthropic;

import static dev.tollgate.providers.anthropic.AnthropicTesting.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.ModelRef;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicProviderTest {

  @Test
  void registeredByDefaultUnderItsPrefix() {
    ProviderRegistry registry = ProviderRegistry.defaults();

    assertThat(registry.find("anthropic")).get().isInstanceOf(AnthropicProvider.class);
    assertThat(ModelRef.parse("anthropic/claude-sonnet-4-5", registry))
        .isEqualTo(new ModelRef("anthropic", "claude-sonnet-4-5"));
  }

  @Test
  void resolveTakesKeyAndBaseFromTheEnvironmentUnlessTheDeploymentHasThem() {
    Map<String, String> env = Map.of("ANTHROPIC_API_KEY", "sk-env", "ANTHROPIC_API_BASE", "http://proxy.local");

    CallTarget fromEnv = provider().resolve(CallTarget.of("anthropic", "m"), env);
    CallTarget own = provider().resolve(
        CallTarget.of("anthropic", "m").withApiKey("sk-own").withApiBase("http://own"), env);
    CallTarget defaults = provider().resolve(CallTarget.of("anthropic", "m"), Map.of());

    assertThat(fromEnv.apiKey()).isEqualTo("sk-env");
    assertThat(fromEnv.apiBase()).isEqualTo("http://proxy.local");
    assertThat(own.apiKey()).isEqualTo("sk-own");
    assertThat(own.apiBase()).isEqualTo("http://own");
    assertThat(defaults.apiBase()).isEqualTo("https://api.anthropic.com");
    assertThat(defaults.apiKey()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
      "https://api.anthropic.com, https://api.anthropic.com/v1/messages",
      "https://api.anthropic.com/, https://api.anthropic.com/v1/messages",
      "http://127.0.0.1:9000/v1, http://127.0.0.1:9000/v1/messages",
      "http://127.0.0.1:9000/v1/messages, http://127.0.0.1:9000/v1/messages",
      "http://corp/anthropic, http://corp/anthropic/v1/messages"
  })
  void urlIsTheMessagesEndpointUnderTheBase(String base, String url) {
    assertThat(AnthropicProvider.url(CallTarget.of("anthropic", "m").withApiBase(base))).isEqualTo(url);
  }

  @Test
  void aCallWithoutKeyFailsBeforeAnythingIsSent() {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(ChatMessage.user("hi")).build();

    assertThatThrownBy(() -> provider().chatCall(request, CallTarget.of("anthropic", "m")))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("ANTHROPIC_API_KEY");
  }

  @Test
  void deploymentHeadersAreAddedAndBetasCombined() {
    CallTarget target = AnthropicTesting.target("m")
        .withHeaders(Map.of("Anthropic-Beta", "context-1m-2025-08-07", "X-Trace", "abc", "Anthropic-Version", "2024-01-01"));
    ChatRequest request = ChatRequest.builder().model("m").addMessage(ChatMessage.user("hi")).build();

    var call = provider().chatCall(request, target);

    assertThat(call.headers()).containsEntry("anthropic-beta", "context-1m-2025-08-07").containsEntry("x-trace", "abc")
        .containsEntry("anthropic-version", "2024-01-01").doesNotContainKey("Anthropic-Version");
  }
}
