package dev.tollgate.gateway.shared;

import static dev.tollgate.gateway.shared.MultiInstanceClient.chat;
import static dev.tollgate.gateway.shared.MultiInstanceClient.newKey;
import static dev.tollgate.gateway.shared.MultiInstanceClient.pollUntil;
import static dev.tollgate.gateway.shared.MultiInstanceClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.redis.RedisSettings;
import dev.tollgate.redis.SharedRedis;
import dev.tollgate.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A team's guardrails ride on the cached team entity: a team updated through one gateway applies on the other, which
 * had the team cached, as soon as the invalidation reaches it over Redis (long before the cache entry would expire).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamGuardrailsAcrossInstancesTest {
  private static final String CONFIG = "/guardrails/shared-gateway-config.yaml";
  private TestDatabase db;
  private RedisSettings redis;
  private RunningGateway a;
  private RunningGateway b;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.postgres();
    redis = TestRedis.settings();
    a = RunningGateway.startShared(CONFIG, db.url(), redis);
    b = RunningGateway.startShared(CONFIG, db.url(), redis);
  }

  @AfterAll
  void stop() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (db != null) {
      db.close();
    }
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      SharedRedis cleanup = SharedRedis.create(vertx, redis);
      TestRedis.deleteKeys(cleanup.client(), redis.keyPrefix());
      cleanup.close();
    } finally {
      vertx.close();
    }
  }

  @Test
  void aTeamsNewGuardrailAppliesOnTheOtherInstance() throws Exception {
    assertThat(post(a, "/team/new", RunningGateway.MASTER_KEY, Http.fixture("/guardrails/teams/multi-team.json"))
        .statusCode()).isEqualTo(200);
    String key = newKey(a, "\"team_id\": \"multi-team-guardrails\"");
    assertThat(chat(b, key, "mock").statusCode()).as("the team is cached on b").isEqualTo(200);

    assertThat(post(a, "/team/update", RunningGateway.MASTER_KEY,
        Http.fixture("/guardrails/teams/multi-team-add.json")).statusCode()).isEqualTo(200);
    assertThat(pollUntil(b, key, 400, 5_000)).isEqualTo(400);
    assertThat(chat(b, key, "mock").body()).contains("no-greetings").contains("BANNED_KEYWORD");
  }
}
