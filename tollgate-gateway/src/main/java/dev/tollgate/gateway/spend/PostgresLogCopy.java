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
  static final String COPY_LOG = "COPY tg_spend_logs (" + SpendLogColumns.NAMES + ") FROM STDIN";
  /** SQLSTATE unique_violation. */
  static final String UNIQUE_VIOLATION = "23505";
  /** Rows encoded per write to the server; the encoded text of a chunk dies young. */
  private static final int CHUNK = 256;

  private PostgresLogCopy() {}

  static void copy(Connection tx, List<SpendRow> rows) throws SQLException {
    CopyIn in = tx.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_LOG);
    try {
      Text text = new Text(new StringBuilder(CHUNK * 512));
      int n = 0;
      for (SpendRow r : rows) {
        if (!r.writeLogRow()) {
          continue; // general_settings.disable_spend_logs
        }
        text.first = true;
        SpendLogColumns.write(r, text);
        text.out.append('\n');
        if (++n == CHUNK) {
          write(in, text.out);
          n = 0;
        }
      }
      write(in, text.out);
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

  /** One row in COPY's text format: tab-separated, {@code \N} for null; the caller ends it with a newline. */
  private static final class Text implements SpendLogColumns.Sink {
    final StringBuilder out;
    boolean first;

    Text(StringBuilder out) {
      this.out = out;
    }

    private StringBuilder next() {
      if (!first) {
        out.append('\t');
      }
      first = false;
      return out;
    }

    @Override
    public void text(String value) {
      field(next(), value);
    }

    @Override
    public void number(long value) {
      next().append(value);
    }

    @Override
    public void real(double value) {
      next().append(value);
    }

    @Override
    public void bool(boolean value) {
      next().append(value ? 't' : 'f');
    }
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
