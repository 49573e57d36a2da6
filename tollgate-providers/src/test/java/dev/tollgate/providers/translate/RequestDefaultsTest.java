package dev.tollgate.providers.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestDefaultsTest {
  private static ObjectNode body(String json) {
    return (ObjectNode) Json.tree(json.getBytes());
  }

  @Test
  void deploymentParamsFillGapsOnACopyAndLeaveTheCallersTreeAlone() {
    ObjectNode request = body("{\"temperature\":0.9}");
    CallTarget target = new CallTarget("p", "m", null, null, null, null, null,
        Map.of("temperature", Json.MAPPER.getNodeFactory().numberNode(0.1),
            "max_tokens", Json.MAPPER.getNodeFactory().numberNode(5)), false);

    ObjectNode out = RequestDefaults.apply(request, target);

    assertThat(out.get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(out.get("max_tokens").asInt()).isEqualTo(5);
    assertThat(request.has("max_tokens")).isFalse();
  }

  @Test
  void extraBodyFieldsBecomeTopLevelWithoutOverridingTheRequest() {
    ObjectNode out = RequestDefaults.apply(body("{\"k\":1,\"extra_body\":{\"k\":2,\"safety_mode\":\"OFF\"}}"),
        CallTarget.of("p", "m"));

    assertThat(out.get("k").asInt()).isEqualTo(1);
    assertThat(out.get("safety_mode").asText()).isEqualTo("OFF");
    assertThat(out.has("extra_body")).isFalse();
  }

  @Test
  void nothingToAddIsTheSameTree() {
    ObjectNode request = body("{\"a\":1}");
    assertThat(RequestDefaults.apply(request, CallTarget.of("p", "m"))).isSameAs(request);
  }
}
