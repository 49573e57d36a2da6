package dev.tollgate.gateway.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A gateway on a real database holding the calls of {@code activity/calls.json} (written by the spend writer) and
 * the users, teams, organization, customer and keys they name: alice (internal user, admin of team-a, org_admin of
 * org-1), bob (internal user, plain member of team-a and of team-b, whose members may read
 * {@code /team/daily/activity}), and an admin viewer. The contracts that extend it run once per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ActivityFixture {
  static final String MASTER = RunningGateway.MASTER_KEY;
  static final String ALICE = "sk-alice-key-00001";
  static final String ALICE_SOLO = "sk-alice-solo-0001";
  static final String ALICE_GONE = "sk-alice-gone-0001";
  static final String BOB = "sk-bob-key-0000001";
  static final String RANGE = "start_date=2025-03-01&end_date=2025-03-03";
  TestDatabase db;
  RunningGateway gw;
  Http http;
  String viewer;

  abstract TestDatabase newDatabase();

  @BeforeAll
  void start() throws Exception {
    db = newDatabase();
    gw = RunningGateway.start("/spend/spend-config.yaml", db.url());
    http = new Http(gw);
    post("/user/new", "{\"user_id\": \"alice\", \"user_role\": \"internal_user\", "
        + "\"user_email\": \"alice@example.com\"}");
    post("/user/new", "{\"user_id\": \"bob\", \"user_role\": \"internal_user\"}");
    viewer = post("/user/new", "{\"user_id\": \"vera\", \"user_role\": \"proxy_admin_viewer\"}").get("key").asText();
    post("/organization/new", "{\"organization_id\": \"org-1\", \"organization_alias\": \"Org One\"}");
    post("/organization/member_add", "{\"organization_id\": \"org-1\", \"member\": [{\"role\": \"org_admin\", "
        + "\"user_id\": \"alice\"}]}");
    post("/team/new", "{\"team_id\": \"team-a\", \"team_alias\": \"Team A\", \"members_with_roles\": ["
        + "{\"role\": \"admin\", \"user_id\": \"alice\"}, {\"role\": \"user\", \"user_id\": \"bob\"}]}");
    post("/team/new", "{\"team_id\": \"team-b\", \"team_alias\": \"Team B\", \"team_member_permissions\": "
        + "[\"/team/daily/activity\"], \"members_with_roles\": [{\"role\": \"user\", \"user_id\": \"bob\"}]}");
    post("/customer/new", "{\"user_id\": \"cust-1\", \"alias\": \"Customer One\"}");
    post("/key/generate", "{\"key\": \"" + ALICE + "\", \"key_alias\": \"alice-key\", \"user_id\": \"alice\", "
        + "\"team_id\": \"team-a\"}");
    post("/key/generate", "{\"key\": \"" + ALICE_SOLO + "\", \"key_alias\": \"alice-solo\", \"user_id\": \"alice\"}");
    post("/key/generate", "{\"key\": \"" + BOB + "\", \"key_alias\": \"bob-key\", \"user_id\": \"bob\", "
        + "\"team_id\": \"team-b\"}");
    ActivityCalls.write(gw.controlPlane().database(), "/activity/calls.json");
  }

  @AfterAll
  void stop() {
    if (gw != null) {
      gw.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private JsonNode post(String path, String body) {
    Reply r = http.post(path, MASTER, body);
    assertThat(r.status()).as(path + " " + r.json()).isEqualTo(200);
    return r.json();
  }

  /** The field names of a JSON object, in order. */
  static java.util.List<String> names(JsonNode object) {
    java.util.List<String> out = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** GET {@code path} as {@code key}, asserting 200. */
  JsonNode ok(String path, String key) {
    Reply r = http.get(path, key);
    assertThat(r.status()).as(path + " " + r.json()).isEqualTo(200);
    return r.json();
  }

  /** GET {@code path} as {@code key}, asserting {@code status}; the error object. */
  JsonNode refused(String path, String key, int status) {
    Reply r = http.get(path, key);
    assertThat(r.status()).as(path + " " + r.json()).isEqualTo(status);
    return r.error();
  }
}
