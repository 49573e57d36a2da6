package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code /budget/*} end to end over HTTP; run per database by the subclasses. */
abstract class BudgetApiContract extends AdminApiContract {

  @Test
  void createInfoUpdateListDelete() {
    JsonNode b = ok("/budget/new", "{\"budget_id\": \"b-free\", \"max_budget\": 5, \"rpm_limit\": 10, "
        + "\"budget_duration\": \"1d\", \"model_max_budget\": {\"gpt-fake\": {\"budget_limit\": 1}}}");
    assertThat(b.get("budget_id").asText()).isEqualTo("b-free");
    assertThat(b.get("max_budget").asDouble()).isEqualTo(5);
    assertThat(b.get("created_by").asText()).isEqualTo("litellm_proxy_master_key");
    assertThat(b.get("model_max_budget").get("gpt-fake").get("budget_limit").asInt()).isEqualTo(1);

    JsonNode updated = ok("/budget/update", "{\"budget_id\": \"b-free\", \"max_budget\": 6}");
    assertThat(updated.get("max_budget").asDouble()).isEqualTo(6);
    assertThat(updated.get("rpm_limit").asInt()).isEqualTo(10);
    assertThat(ok("/budget/info", "{\"budgets\": [\"b-free\"]}").get(0).get("max_budget").asDouble())
        .isEqualTo(6);
    assertThat(okGet("/budget/list").findValuesAsText("budget_id")).contains("b-free");
    assertThat(ok("/budget/delete", "{\"id\": \"b-free\"}").get("budget_id").asText()).isEqualTo("b-free");
    error(http.post("/budget/info", MASTER, "{\"budgets\": [\"b-free\"]}"), 404, "not found");
  }

  @Test
  void aBudgetInUseIsNotDeletedAndAGeneratedIdIsAUuid() {
    String id = ok("/budget/new", "{\"max_budget\": 1}").get("budget_id").asText();
    assertThat(id).hasSize(36);
    ok("/customer/new", "{\"user_id\": \"b-user\", \"budget_id\": \"" + id + "\"}");
    error(http.post("/budget/delete", MASTER, "{\"id\": \"" + id + "\"}"), 400, "still used by end_users");
    ok("/customer/delete", "{\"user_ids\": [\"b-user\"]}");
    ok("/budget/delete", "{\"id\": \"" + id + "\"}");
  }
}
