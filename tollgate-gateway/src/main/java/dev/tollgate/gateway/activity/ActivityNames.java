package dev.tollgate.gateway.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names shown next to the numbers: each API key's {@code KeyMetadata} ({@code key_alias}, {@code team_id},
 * {@code user_id}, {@code user_email}, {@code key_exists}) and each entity's metadata ({@code team_alias},
 * {@code organization_alias}, a customer's {@code alias}, a user's {@code user_email}), looked up by primary key for
 * the keys and entities of the answer only. Blocking JDBC.
 */
final class ActivityNames {
  /** The entity LiteLLM names a call without one. */
  static final String UNASSIGNED = "Unassigned";
  private static final int CHUNK = 500;

  private ActivityNames() {}

  /** Metadata of the keys among {@code hashes} that are stored; a hash not in the map is a deleted key. */
  static Map<String, ObjectNode> keys(Connection c, Collection<String> hashes) throws SQLException {
    Map<String, ObjectNode> out = new HashMap<>();
    String sql = "SELECT k.token, k.key_alias, k.team_id, k.user_id, u.user_email FROM tg_keys k "
        + "LEFT JOIN tg_users u ON u.user_id = k.user_id WHERE k.token IN ";
    for (List<String> chunk : chunks(hashes)) {
      try (PreparedStatement s = c.prepareStatement(sql + "(" + marks(chunk.size()) + ")")) {
        bind(s, chunk);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            ObjectNode o = Json.object();
            o.put("key_alias", r.getString(2));
            o.put("team_id", r.getString(3));
            o.put("user_id", r.getString(4));
            o.put("user_email", r.getString(5));
            o.put("key_exists", true);
            out.put(r.getString(1), o);
          }
        }
      }
    }
    return out;
  }

  /** A key's {@code KeyMetadata}: the stored one, or nulls and {@code key_exists: false}. */
  static ObjectNode keyMetadata(Map<String, ObjectNode> keys, String hash) {
    ObjectNode known = keys.get(hash);
    if (known != null) {
      return known.deepCopy();
    }
    ObjectNode o = Json.object();
    o.putNull("key_alias");
    o.putNull("team_id");
    o.putNull("user_id");
    o.putNull("user_email");
    o.put("key_exists", false);
    return o;
  }

  /** Where an entity kind's name lives: {@code column} of {@code table}, shown as the metadata field of that name. */
  private record NameColumn(String table, String idColumn, String column) {}

  /** Each stored entity's metadata among {@code ids}, by kind; tags have none. */
  static Map<String, ObjectNode> entities(Connection c, ActivityKind kind, Collection<String> ids)
      throws SQLException {
    NameColumn name = switch (kind.entityType()) {
      case "team" -> new NameColumn("tg_teams", "team_id", "team_alias");
      case "organization" -> new NameColumn("tg_organizations", "organization_id", "organization_alias");
      case "end_user" -> new NameColumn("tg_end_users", "user_id", "alias");
      case "user" -> new NameColumn("tg_users", "user_id", "user_email");
      default -> null;
    };
    Map<String, ObjectNode> out = new HashMap<>();
    if (name == null) {
      return out;
    }
    String sql = "SELECT " + name.idColumn() + ", " + name.column() + " FROM " + name.table() + " WHERE "
        + name.idColumn() + " IN ";
    for (List<String> chunk : chunks(ids)) {
      try (PreparedStatement s = c.prepareStatement(sql + "(" + marks(chunk.size()) + ")")) {
        bind(s, chunk);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            ObjectNode o = Json.object();
            o.put(name.column(), r.getString(2));
            out.put(r.getString(1), o);
          }
        }
      }
    }
    return out;
  }

  private static List<List<String>> chunks(Collection<String> values) {
    List<String> all = new ArrayList<>(values);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return out;
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static void bind(PreparedStatement s, List<String> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      s.setString(i + 1, values.get(i));
    }
  }
}
