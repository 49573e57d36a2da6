package dev.tollgate.gateway.spend;

import java.sql.SQLException;

/**
 * The columns of a {@code tg_spend_logs} row and their values, in one order for every way of writing them (the
 * batched {@code INSERT} and PostgreSQL's {@code COPY}), so that the two cannot drift apart.
 */
final class SpendLogColumns {
  /** The column names, comma-separated, in the order {@link #write} gives the values. */
  static final String NAMES = "request_id, call_type, api_key, spend, total_tokens, prompt_tokens, "
      + "completion_tokens, start_time, end_time, request_duration_ms, model, model_id, model_group, "
      + "custom_llm_provider, api_base, user_id, team_id, organization_id, end_user, metadata, request_tags, "
      + "requester_ip_address, status, messages, response, cache_hit, cache_key";
  static final int COUNT = NAMES.split(",").length;

  /** Where the values go: a statement's parameters or COPY's text. */
  interface Sink {
    void text(String value) throws SQLException;

    void number(long value) throws SQLException;

    void real(double value) throws SQLException;

    void bool(boolean value) throws SQLException;
  }

  private SpendLogColumns() {}

  /** The row's values, one call per column in the order of {@link #NAMES}. */
  static void write(SpendRow r, Sink out) throws SQLException {
    out.text(r.requestId());
    out.text(r.callType());
    out.text(r.apiKey());
    out.real(r.cost());
    out.number(r.totalTokens());
    out.number(r.promptTokens());
    out.number(r.completionTokens());
    out.number(r.startMillis());
    out.number(r.endMillis());
    out.number(r.endMillis() - r.startMillis());
    out.text(r.model());
    out.text(r.deploymentId());
    out.text(r.modelGroup());
    out.text(r.provider());
    out.text(r.apiBase());
    out.text(r.userId());
    out.text(r.teamId());
    out.text(r.organizationId());
    out.text(r.endUser());
    out.text(SpendMetadata.json(r));
    out.text(SpendMetadata.tags(r.tags()));
    out.text(r.requesterIp());
    out.text(r.status());
    out.text(r.messages());
    out.text(r.response());
    out.bool(r.cacheHit());
    out.text(r.cacheKey());
  }
}
