package dev.tollgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.Http.Reply;
import org.junit.jupiter.api.Test;

/** {@code /customer/*} and the {@code /end_user/*} aliases end to end over HTTP; run per database. */
abstract class CustomerApiContract extends AdminApiContract {

  @Test
  void newCustomerWithBudgetFieldsGetsABudgetRow() {
    JsonNode c = ok("/customer/new", Http.fixture("/admin/customers/new-acme.json"));
    assertThat(c.get("user_id").asText()).isEqualTo("cust-acme");
    assertThat(c.get("alias").asText()).isEqualTo("Acme Corp");
    assertThat(c.get("allowed_model_region").asText()).isEqualTo("eu");
    assertThat(c.get("blocked").asBoolean()).isFalse();
    assertThat(c.get("litellm_budget_table").get("max_budget").asDouble()).isEqualTo(20);
    assertThat(c.get("litellm_budget_table").get("budget_duration").asText()).isEqualTo("30d");
    assertThat(c.get("litellm_budget_table").get("budget_reset_at").asText()).endsWith("Z");

    JsonNode info = okGet("/customer/info?end_user_id=cust-acme");
    assertThat(info.get("budget_id").asText()).isEqualTo(c.get("budget_id").asText());
    JsonNode updated = ok("/customer/update", "{\"user_id\": \"cust-acme\", \"max_budget\": 25, \"alias\": "
        + "\"Acme\"}");
    assertThat(updated.get("alias").asText()).isEqualTo("Acme");
    assertThat(updated.get("litellm_budget_table").get("max_budget").asDouble()).isEqualTo(25);
    assertThat(updated.get("budget_id").asText()).isEqualTo(c.get("budget_id").asText());
  }

  @Test
  void blockUpsertsAndUnblockClears() {
    JsonNode blocked = ok("/customer/block", "{\"user_ids\": [\"cust-new\"]}");
    assertThat(blocked.get("blocked_users").get(0).get("user_id").asText()).isEqualTo("cust-new");
    assertThat(okGet("/customer/info?end_user_id=cust-new").get("blocked").asBoolean()).isTrue();
    ok("/end_user/unblock", "{\"user_ids\": [\"cust-new\"]}");
    assertThat(okGet("/end_user/info?end_user_id=cust-new").get("blocked").asBoolean()).isFalse();
  }

  @Test
  void listAndDelete() {
    ok("/customer/new", "{\"user_id\": \"cust-del\", \"budget_id\": null}");
    assertThat(okGet("/customer/list").findValuesAsText("user_id")).contains("cust-del");
    JsonNode deleted = ok("/customer/delete", "{\"user_ids\": [\"cust-del\"]}");
    assertThat(deleted.get("deleted_customers").asInt()).isEqualTo(1);
    error(http.get("/customer/info?end_user_id=cust-del", MASTER), 404, "End User Id=cust-del does not exist");
    error(http.post("/customer/delete", MASTER, "{\"user_ids\": [\"cust-del\"]}"), 404, "does not exist");
  }

  @Test
  void aTakenIdOrABadRegionIs400() {
    ok("/customer/new", "{\"user_id\": \"cust-dup\"}");
    error(http.post("/customer/new", MASTER, "{\"user_id\": \"cust-dup\"}"), 400, "Customer already exists");
    error(http.post("/customer/new", MASTER, "{\"user_id\": \"cust-r\", \"allowed_model_region\": \"mars\"}"), 400,
        "'eu' or 'us'");
    error(http.post("/customer/new", MASTER, "{\"user_id\": \"cust-b\", \"budget_id\": \"missing\"}"), 400,
        "does not exist");
  }

  @Test
  void aBlockedCustomersCallsAreRefusedUntilUnblocked() {
    ok("/customer/new", "{\"user_id\": \"cust-calls\"}");
    assertThat(chat("cust-calls").status()).isEqualTo(200);
    ok("/customer/block", "{\"user_ids\": [\"cust-calls\"]}");
    Reply refused = chat("cust-calls");
    error(refused, 400, "User blocked from making LLM API Calls. User=cust-calls");
    assertThat(refused.error().get("param").asText()).isEqualTo("user");
    assertThat(chat("someone-else").status()).isEqualTo(200);
    Reply embedding = http.post("/v1/embeddings", MASTER,
        "{\"model\": \"embed-fake\", \"input\": \"hi\", \"user\": \"cust-calls\"}");
    assertThat(embedding.status()).isEqualTo(400);
    ok("/customer/unblock", "{\"user_ids\": [\"cust-calls\"]}");
    assertThat(chat("cust-calls").status()).isEqualTo(200);
  }

  private Reply chat(String user) {
    return http.post("/v1/chat/completions", MASTER, "{\"model\": \"gpt-fake\", \"user\": \"" + user
        + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
  }
}
