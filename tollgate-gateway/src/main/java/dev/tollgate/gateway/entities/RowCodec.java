package dev.tollgate.gateway.entities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Moves one column value between a row object (column name to JSON value; times as epoch-millisecond numbers) and
 * JDBC. JSON lists and objects are written as TEXT and parsed back.
 */
final class RowCodec {
  private RowCodec() {}

  static void bind(PreparedStatement s, int i, Column c, JsonNode v) throws SQLException {
    boolean missing = v == null || v.isNull();
    switch (c.kind()) {
      case TEXT, DURATION -> s.setString(i, missing ? null : v.asText());
      case LIST -> s.setString(i, missing ? "[]" : Json.writeString(v));
      case OBJECT -> {
        boolean nullable = c.name().equals("model_rpm_limit") || c.name().equals("model_tpm_limit");
        if (missing) {
          s.setString(i, nullable ? null : "{}");
        } else {
          s.setString(i, Json.writeString(v));
        }
      }
      case MONEY -> {
        if (missing) {
          s.setNull(i, Types.DOUBLE);
        } else {
          s.setDouble(i, v.asDouble());
        }
      }
      case COUNT, TIME -> {
        if (missing) {
          s.setNull(i, Types.BIGINT);
        } else {
          s.setLong(i, v.asLong());
        }
      }
      case BOOL -> s.setBoolean(i, !missing && v.asBoolean());
    }
  }

  static void read(ResultSet r, Column c, ObjectNode into) throws SQLException {
    String name = c.name();
    switch (c.kind()) {
      case TEXT, DURATION -> into.put(name, r.getString(name));
      case LIST -> into.set(name, parse(r.getString(name), "[]"));
      case OBJECT -> {
        String text = r.getString(name);
        if (text == null) {
          into.putNull(name);
        } else {
          into.set(name, parse(text, "{}"));
        }
      }
      case MONEY -> {
        double d = r.getDouble(name);
        if (r.wasNull()) {
          into.putNull(name);
        } else {
          into.put(name, d);
        }
      }
      case COUNT, TIME -> {
        long n = r.getLong(name);
        if (r.wasNull()) {
          into.putNull(name);
        } else {
          into.put(name, n);
        }
      }
      case BOOL -> into.put(name, r.getBoolean(name));
    }
  }

  private static JsonNode parse(String text, String empty) {
    String t = text == null || text.isBlank() ? empty : text;
    return Json.tree(t.getBytes(StandardCharsets.UTF_8));
  }
}
