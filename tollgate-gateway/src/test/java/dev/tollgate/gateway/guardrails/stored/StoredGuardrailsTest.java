package dev.tollgate.gateway.guardrails.stored;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.ConfiguredGuardrail;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.guardrails.GuardrailSet;
import dev.tollgate.gateway.guardrails.Verdict;
import dev.tollgate.gateway.models.SecretBox;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredGuardrailsTest {
  private final SecretBox box = SecretBox.of(null, "sk-master-for-tests");
  private final GuardrailSet config = new GuardrailSet(List.of(new ConfiguredGuardrail("from-file",
      "tollgate/secrets", Set.of(GuardrailMode.PRE_CALL), false, null, Json.object(), texts -> Verdict.PASS)));

  private StoredGuardrail row(String id, String name, String params, long at) {
    return new StoredGuardrail(id, name, GuardrailSecrets.seal(box,
        (ObjectNode) Json.tree(params.getBytes(StandardCharsets.UTF_8))), Json.object(), at, at);
  }

  private static List<String> names(GuardrailSet set) {
    return set.all().stream().map(ConfiguredGuardrail::name).toList();
  }

  @Test
  void rowsThatBuildAreServedAfterTheConfigOnesAndTheOthersAreSkipped() {
    List<StoredGuardrail> rows = List.of(
        row("1", "keywords", "{\"guardrail\": \"tollgate/keywords\", \"keywords\": [\"x\"]}", 1),
        row("2", "from-file", "{\"guardrail\": \"tollgate/pii\"}", 2), // the config file's name wins
        row("3", "no-longer", "{\"guardrail\": \"tollgate/keywords\"}", 3), // does not build
        row("4", "remote", "{\"guardrail\": \"generic_guardrail_api\", \"api_base\": \"os.environ/GUARD\", "
            + "\"api_key\": \"sk-9\"}", 4));
    GuardrailSet served = StoredGuardrails.serve(config, rows, box, Map.of("GUARD", "http://127.0.0.1:9"));
    assertThat(names(served)).containsExactly("from-file", "keywords", "remote");
    assertThat(served.origin("keywords").guardrailId()).isEqualTo("1");
    assertThat(served.origin("from-file")).isNull();
    assertThat(served.hasRemote()).isTrue();
    var generic = (dev.tollgate.gateway.guardrails.remote.GenericGuardrailApi) served.named("remote").remote();
    assertThat(generic.settings().headers()).containsEntry("x-api-key", "sk-9");
    assertThat(generic.settings().url()).startsWith("http://127.0.0.1:9/");

    GuardrailSet otherKey = StoredGuardrails.serve(config, rows, SecretBox.of("another-salt", null),
        Map.of("GUARD", "http://127.0.0.1:9"));
    assertThat(names(otherKey)).as("credentials that do not decrypt").containsExactly("from-file", "keywords");
  }
}
