package dev.tollgate.gateway.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Who reads whose activity, over the calls of {@code activity/calls.json}: an internal user only their own (another
 * user_id is a 403; a key without a user has nothing to show); a team admin their team, a plain member only a team
 * whose member permissions grant the route; an org_admin their organization; customers and tags admins and viewers
 * only; an admin viewer everything. Run once per database by the subclasses.
 */
abstract class ActivityScopeContract extends ActivityFixture {
  private static final double EPS = 1e-9;

  private static double spend(JsonNode answer) {
    return answer.at("/metadata/total_spend").asDouble();
  }

  @Test
  void anInternalUserSeesOnlyTheirOwnActivity() {
    JsonNode own = ok("/user/daily/activity?" + RANGE, ALICE);
    assertThat(spend(own)).isCloseTo(1.0, within(EPS));
    for (JsonNode day : own.get("results")) {
      assertThat(names(day.at("/breakdown/entities"))).containsExactly("alice");
    }
    assertThat(ok("/user/daily/activity?" + RANGE + "&user_id=alice", ALICE_SOLO)).isEqualTo(own);
    assertThat(spend(ok("/user/daily/activity/aggregated?" + RANGE, ALICE))).isCloseTo(1.0, within(EPS));
    // another user's key narrows her own rows to nothing: it never reaches bob's
    assertThat(spend(ok("/user/daily/activity?" + RANGE + "&api_key=" + BOB, ALICE))).isZero();

    JsonNode refused = refused("/user/daily/activity?" + RANGE + "&user_id=bob", ALICE, 403);
    assertThat(refused.get("message").asText()).contains("only view their own spend data");
    refused("/user/daily/activity/aggregated?" + RANGE + "&user_id=bob", ALICE, 403);
  }

  @Test
  void aKeyWithoutAUserHasNoUserActivity() {
    String lone = http.post("/key/generate", MASTER, "{}").json().get("key").asText();
    assertThat(refused("/user/daily/activity?" + RANGE, lone, 403).get("message").asText())
        .contains("belongs to no user");
  }

  @Test
  void proxyAdminsAndViewersSeeEveryone() {
    assertThat(spend(ok("/user/daily/activity?" + RANGE, viewer))).isCloseTo(2.1, within(EPS));
    assertThat(spend(ok("/user/daily/activity?" + RANGE + "&user_id=bob", viewer))).isCloseTo(1.0, within(EPS));
    assertThat(spend(ok("/team/daily/activity?" + RANGE, viewer))).isCloseTo(1.7, within(EPS));
    assertThat(spend(ok("/customer/daily/activity?" + RANGE, viewer))).isCloseTo(1.55, within(EPS));
    assertThat(spend(ok("/tag/daily/activity?" + RANGE, viewer))).isCloseTo(2.5, within(EPS));
  }

  @Test
  void aTeamAdminSeesTheirTeamAndNoOther() {
    assertThat(spend(ok("/team/daily/activity?" + RANGE + "&team_ids=team-a", ALICE))).isCloseTo(0.7, within(EPS));
    assertThat(spend(ok("/team/daily/activity/aggregated?" + RANGE + "&team_ids=team-a", ALICE)))
        .isCloseTo(0.7, within(EPS));
    assertThat(spend(ok("/team/daily/activity?" + RANGE, ALICE))).isCloseTo(0.7, within(EPS)); // her teams only
    assertThat(refused("/team/daily/activity?" + RANGE + "&team_ids=team-b", ALICE, 403).get("message").asText())
        .contains("team-b");
    refused("/team/daily/activity?" + RANGE + "&team_ids=team-a,team-b", ALICE, 403);
  }

  @Test
  void aPlainMemberSeesOnlyATeamWhosePermissionsGrantIt() {
    assertThat(refused("/team/daily/activity?" + RANGE + "&team_ids=team-a", BOB, 403).get("message").asText())
        .contains("team-a");
    assertThat(spend(ok("/team/daily/activity?" + RANGE + "&team_ids=team-b", BOB))).isCloseTo(1.0, within(EPS));
    assertThat(spend(ok("/team/daily/activity?" + RANGE, BOB))).isCloseTo(1.0, within(EPS));
    assertThat(spend(ok("/team/daily/activity/aggregated?" + RANGE + "&team_ids=team-b", BOB)))
        .isCloseTo(1.0, within(EPS));
  }

  @Test
  void anOrgAdminSeesTheirOrganizationAndOthersNone() {
    assertThat(spend(ok("/organization/daily/activity?" + RANGE + "&organization_ids=org-1", ALICE)))
        .isCloseTo(0.7, within(EPS));
    assertThat(spend(ok("/organization/daily/activity?" + RANGE, ALICE))).isCloseTo(0.7, within(EPS));
    refused("/organization/daily/activity?" + RANGE + "&organization_ids=org-1", BOB, 403);
    refused("/organization/daily/activity?" + RANGE, BOB, 403);
  }

  @Test
  void customersAndTagsAreForAdminsAndViewersOnly() {
    refused("/customer/daily/activity?" + RANGE, ALICE, 403);
    refused("/end_user/daily/activity?" + RANGE, ALICE, 403);
    refused("/tag/daily/activity?" + RANGE, BOB, 403);
  }

  @Test
  void noKeyNoActivity() {
    assertThat(http.get("/user/daily/activity?" + RANGE, null).status()).isEqualTo(401);
  }
}
