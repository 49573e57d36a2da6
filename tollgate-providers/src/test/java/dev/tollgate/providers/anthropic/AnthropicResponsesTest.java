package dev.tollgate.providers.anthropic;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static dev.tollgate.providers.anthropic.AnthropicTesting.provider;
import static dev.tollgate.providers.anthropic.AnthropicTesting.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicResponsesTest {

  static List<String> cases() {
    return Fixtures.cases("anthropic/replies");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anthropicMessageBecomesAnOpenAiCompletion(String name) {
    String dir = "anthropic/replies/" + name + "/";
    HttpReply reply = HttpReply.of(200, Fixtures.bytes(dir + "reply.json"));

    ChatResponse response = provider().chatResponse(reply, target("claude-sonnet-4-5"));

    assertJsonEquals(wire(response), Fixtures.tree(dir + "expected.json"));
    assertJsonEquals(Fixtures.wire(response), dev.tollgate.providers.types.Json.tree(
        provider().chatResponseBytes(reply, target("claude-sonnet-4-5"))));
  }

  @Test
  void anErrorObjectInASuccessfulReplyIsTyped() {
    HttpReply reply = HttpReply.of(200, Fixtures.bytes("anthropic/errors/529-overloaded.json"));

    assertThatThrownBy(() -> provider().chatResponse(reply, target("m")))
        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("Overloaded");
  }

  @Test
  void aReplyThatIsNotAMessageIsAnInternalError() {
    HttpReply reply = HttpReply.of(200, "<html>gateway</html>".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> provider().chatResponse(reply, target("m")))
        .isInstanceOf(InternalServerException.class).hasMessageContaining("not a Messages API message");
    assertThat(provider().embeddings()).isEmpty();
  }
}
