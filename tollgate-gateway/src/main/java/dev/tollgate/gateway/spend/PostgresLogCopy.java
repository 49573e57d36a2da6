package dev.tollgate.gateway.spend;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes spend-log rows to PostgreSQL with one {@code COPY … FROM STDIN} (text format) instead of multi-row
 * {@code INSERT … ON CONFLICT} statements. PostgreSQL parses and plans no {@code VALUES} lists and checks no conflict:
 * through JDBC, 60,000 rows into the spend log with its indexes cost the server 5.3–8.2 µs of CPU per row against
 * 11.8–12.3 µs for 256-row inserts; behind the gateway under {@code wrk -c64}, all of PostgreSQL's processes used
 * 13.6–14.9 µs per request against 17.0–18.9 (docs/benchmarks.md). A row whose request id is already there fails
 * the whole {@code COPY} (a retried batch whose first commit did reach the database); the caller then writes the batch
 * with the conflict-skipping insert.
 */
final class PostgresLogCopy {
  /** The columns in the order {@link #append} writes them. */
  static final String COPY_LOG = "COPY tg_spend_logs (request_id, call_type, api_key, spend, total_tokens, "
      + "prompt_tokens, completion_tokens, start_time, end_time, request_duration_ms, model, model_id, model_group, "
      + "custom_llm_provider, api_base, user_id, team_id, organization_id, end_user, metadata, request_tags, "
      + "requester_ip_address, status, messages, response, cache_hit, cache_key) FROM STDIN";
  /** SQLSTATE unique_violation. */
  static final String UNIQUE_VIOLATION = "23505";
  /** Rows encoded per write to the server; the encoded text of a chunk dies young. */
  private static final int CHUNK = 256;

  private PostgresLogCopy() {}

  static void copy(Connection tx, List<SpendRow> rows) throws SQLException {
    CopyIn in = tx.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_LOG);
    try {
      StringBuilder text = new StringBuilder(CHUNK * 512);
      int n = 0;
      for (SpendRow r : rows) {
        if (!r.writeLogRow()) {
          continue; // general_settings.disable_spend_logs
        }
        append(text, r);
        if (++n == CHUNK) {
          write(in, text);
          n = 0;
        }
      }
      write(in, text);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static void write(CopyIn in, StringBuilder text) throws SQLException {
    if (text.isEmpty()) {
      return;
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(bytes, 0, bytes.length);
    text.setLength(0);
  }

  /** One row in COPY's text format: tab-separated, {@code \N} for null, a newline at the end. */
  static void append(StringBuilder out, SpendRow r) {
    field(out, r.requestId()).append('\t');
    field(out, r.callType()).append('\t');
    field(out, r.apiKey()).append('\t');
    out.append(r.cost()).append('\t');
    out.append(r.totalTokens()).append('\t');
    out.append(r.promptTokens()).append('\t');
    out.append(r.completionTokens()).append('\t');
    out.append(r.startMillis()).append('\t');
    out.append(r.endMillis()).append('\t');
    out.append(r.endMillis() - r.startMillis()).append('\t');
    field(out, r.model()).append('\t');
    field(out, r.deploymentId()).append('\t');
    field(out, r.modelGroup()).append('\t');
    field(out, r.provider()).append('\t');
    field(out, r.apiBase()).append('\t');
    field(out, r.userId()).append('\t');
    field(out, r.teamId()).append('\t');
    field(out, r.organizationId()).append('\t');
    field(out, r.endUser()).append('\t');
    field(out, SpendMetadata.json(r)).append('\t');
    field(out, SpendMetadata.tags(r.tags())).append('\t');
    field(out, r.requesterIp()).append('\t');
    field(out, r.status()).append('\t');
    field(out, r.messages()).append('\t');
    field(out, r.response()).append('\t');
    out.append(r.cacheHit() ? 't' : 'f').append('\t');
    field(out, r.cacheKey()).append('\n');
  }

  /** A text value with COPY's escapes (backslash, tab, newline, carriage return), or {@code \N} for null. */
  static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out.append("\\N");
    }
    int first = 0;
    while (first < value.length() && !special(value.charAt(first))) {
      first++;
    }
    if (first == value.length()) {
      return out.append(value); // the usual case: nothing to escape
    }
    out.append(value, 0, first);
    for (int i = first; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }

  private static boolean special(char c) {
    return c == '\\' || c == '\t' || c == '\n' || c == '\r';
  }
}
