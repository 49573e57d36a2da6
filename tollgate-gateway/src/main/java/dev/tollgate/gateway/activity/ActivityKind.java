package dev.tollgate.gateway.activity;

/**
 * The entity kinds LiteLLM's daily-activity endpoints report on, each read from its rows of {@code tg_daily_spend}
 * (LiteLLM keeps one table per kind: {@code LiteLLM_DailyUserSpend}, {@code LiteLLM_DailyTeamSpend}, ...), with the
 * query parameters that pick and exclude entities and the page size LiteLLM defaults to.
 *
 * @param entityType the {@code tg_daily_spend.entity_type} of the kind
 * @param idsParam the query parameter naming the entities to report on (comma-separated, except {@code user_id})
 * @param excludeParam the query parameter naming entities to leave out, or null when the endpoint has none
 * @param defaultPageSize {@code page_size} when the request gives none
 */
public record ActivityKind(String entityType, String idsParam, String excludeParam, int defaultPageSize) {
  public static final ActivityKind USER = new ActivityKind("user", "user_id", null, 50);
  public static final ActivityKind TEAM = new ActivityKind("team", "team_ids", "exclude_team_ids", 10);
  public static final ActivityKind ORGANIZATION =
      new ActivityKind("organization", "organization_ids", "exclude_organization_ids", 10);
  public static final ActivityKind CUSTOMER = new ActivityKind("end_user", "end_user_ids", "exclude_end_user_ids", 10);
  public static final ActivityKind TAG = new ActivityKind("tag", "tags", null, 10);

  /** {@code user_id} names one user; the other kinds take a comma-separated list. */
  boolean singleId() {
    return idsParam.equals("user_id");
  }
}
