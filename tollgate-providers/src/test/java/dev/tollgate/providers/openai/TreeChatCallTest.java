package dev.tollgate.providers.openai;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Building a call from the parsed tree gives the same request as building it from the bound record. */
class TreeChatCallTest {
  @ParameterizedTest
  @ValueSource(strings = {"openai", "azure", "groq", "mistral"})
  void treeAndRecordBuildTheSameCall(String provider) throws Exception {
    OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter(OpenAiCompatibleProviders.row(provider).orElseThrow());
    byte[] request = Fixtures.bytes("openai/chat/tools/request.json");
    CallTarget target = adapter.resolve(new CallTarget(provider, "upstream-model", "http://127.0.0.1:1/v1", "k",
        null, null, Map.of("x-extra", "1"), Map.of("max_tokens", Json.MAPPER.getNodeFactory().numberNode(99)), true),
        Map.of());

    HttpCall fromRecord = adapter.chatCall(ControlParams.strip(Json.read(request, ChatRequest.class)), target);
    HttpCall fromTree = adapter.chatCall(ControlParams.strip((ObjectNode) Json.tree(request)), target);

    assertThat(fromTree.url()).isEqualTo(fromRecord.url());
    assertThat(fromTree.headers()).isEqualTo(fromRecord.headers());
    JsonNode treeBody = Json.tree(fromTree.body());
    assertJsonEquals(treeBody, Json.tree(fromRecord.body()));
    assertThat(treeBody.get("model").asText()).isEqualTo("upstream-model");
  }
}
