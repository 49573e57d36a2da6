package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.DashboardDriver;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory pages' form module ({@code pages/entity-form.js}) run in headless Chromium: what a create sends (only
 * filled-in fields, parsed), what an edit sends (only changed fields, a cleared one as null, unticked models as an
 * empty list, JSON compared by value), and the message for metadata that is not a JSON object.
 */
class EntityFormModuleBrowserTest {
  private static RunningGateway gw;
  private static DashboardDriver ui;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/ui/ui-config.yaml");
    ui = DashboardDriver.start(gw);
  }

  @AfterAll
  static void stop() {
    if (ui != null) {
      ui.close();
    }
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void createSendsWhatWasFilledInAndEditOnlyWhatChanged() {
    ui.driver().get(gw.url("/ui/"));
    String out = (String) ui.driver().executeAsyncScript(Http.fixture("/ui/directory/entity-form-check.js"));
    JsonNode r = Json.tree(out.getBytes(StandardCharsets.UTF_8));
    assertThat(r.path("error").isMissingNode()).as(out).isTrue();
    assertThat(r.path("createBody").toString()).isEqualTo("{\"team_alias\":\"core\",\"max_budget\":12.5,"
        + "\"tags\":[\"ml\",\"prod\"],\"metadata\":{\"owner\":\"ml\"},\"models\":[\"b\"],\"auto_create_key\":false}");
    assertThat(r.path("changed").toString()).isEqualTo("{\"max_budget\":null,\"rpm_limit\":6,\"models\":[]}");
    assertThat(r.path("keptLegacy").toString()).isEqualTo("[\"a:true\",\"b:false\",\"legacy:true\"]");
    assertThat(r.path("unchanged").toString()).isEqualTo("{}");
    assertThat(r.path("badJson").asText()).startsWith("Metadata: not valid JSON");
    assertThat(r.path("notObject").asText()).isEqualTo("Metadata: must be a JSON object.");
  }
}
