package dev.tollgate.gateway.entities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.gateway.store.DatabaseException;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JDBC for any {@link EntityTable}: rows are {@link ObjectNode}s keyed by column name (see {@link RowCodec}). Every
 * method blocks: call it on the database executor, never on an event loop.
 */
public final class EntityStore {
  private final Database db;

  public EntityStore(Database db) {
    this.db = db;
  }

  public Database database() {
    return db;
  }

  public Optional<ObjectNode> find(EntityTable t, String id) {
    return db.inline(c -> findIn(c, t, id));
  }

  public static Optional<ObjectNode> findIn(Connection c, EntityTable t, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(t.selectAll() + " WHERE " + t.idColumn() + " = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r, t)) : Optional.empty();
      }
    }
  }

  /** Inserts {@code row} (columns it lacks get their defaults); a taken id is an {@link EntityConflictException}. */
  public void insert(EntityTable t, ObjectNode row) {
    db.inline(c -> {
      insert(c, t, row);
      return null;
    });
  }

  public static void insert(Connection c, EntityTable t, ObjectNode row) throws SQLException {
    if (findIn(c, t, row.path(t.idColumn()).asText()).isPresent()) {
      throw conflict(t, row.path(t.idColumn()).asText());
    }
    List<Column> cols = t.columns();
    String sql = "INSERT INTO " + t.table() + " (" + String.join(", ", cols.stream().map(Column::name).toList())
        + ") VALUES (" + String.join(", ", cols.stream().map(x -> "?").toList()) + ")";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      for (Column col : cols) {
        JsonNode v = row.get(col.name());
        if ((v == null || v.isNull()) && (col.kind() == Column.Kind.MONEY) && col.name().equals("spend")) {
          v = Json.MAPPER.getNodeFactory().numberNode(0.0);
        }
        RowCodec.bind(s, i++, col, v);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("UNIQUE")) {
        throw conflict(t, row.path(t.idColumn()).asText());
      }
      throw e;
    }
  }

  /** Writes the columns present in {@code changes} to row {@code id}; false when no row has that id. */
  public boolean update(EntityTable t, String id, ObjectNode changes) {
    return db.inline(c -> update(c, t, id, changes));
  }

  public static boolean update(Connection c, EntityTable t, String id, ObjectNode changes) throws SQLException {
    List<Column> cols = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : changes.properties()) {
      Column col = t.column(e.getKey());
      if (col != null && !col.name().equals(t.idColumn())) {
        cols.add(col);
      }
    }
    if (cols.isEmpty()) {
      return findIn(c, t, id).isPresent();
    }
    String sql = "UPDATE " + t.table() + " SET " + String.join(", ", cols.stream().map(x -> x.name() + " = ?")
        .toList()) + " WHERE " + t.idColumn() + " = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      for (Column col : cols) {
        RowCodec.bind(s, i++, col, changes.get(col.name()));
      }
      s.setString(i, id);
      return s.executeUpdate() == 1;
    }
  }

  /** Deletes the rows with these ids; returns how many went. */
  public static int delete(Connection c, EntityTable t, List<String> ids) throws SQLException {
    int n = 0;
    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + t.table() + " WHERE " + t.idColumn() + " = ?")) {
      for (String id : ids) {
        s.setString(1, id);
        n += s.executeUpdate();
      }
    }
    return n;
  }

  /** A filter for {@link #list}: an SQL condition with {@code ?} placeholders and its string arguments. */
  public record Where(String sql, List<String> args) {
    public static final Where ALL = new Where("1 = 1", List.of());

    public Where and(String condition, String arg) {
      List<String> a = new ArrayList<>(args);
      a.add(arg);
      return new Where(sql + " AND " + condition, a);
    }
  }

  /** A page of rows and how many match in all. */
  public record Page(List<ObjectNode> rows, long total) {}

  /** One page, newest first ({@code page} from 1); {@code size} 0 means every row. */
  public Page list(EntityTable t, Where where, int page, int size) {
    return db.inline(c -> {
      long total;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + t.table() + " WHERE " + where.sql())) {
        bind(s, where.args());
        try (ResultSet r = s.executeQuery()) {
          r.next();
          total = r.getLong(1);
        }
      }
      String sql = t.selectAll() + " WHERE " + where.sql() + " ORDER BY created_at DESC, " + t.idColumn()
          + (size > 0 ? " LIMIT " + size + " OFFSET " + ((long) (page - 1) * size) : "");
      List<ObjectNode> rows = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        bind(s, where.args());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            rows.add(read(r, t));
          }
        }
      }
      return new Page(rows, total);
    });
  }

  /** Runs {@code work} in one transaction on a pooled connection (blocking). */
  public <T> T transaction(Database.SqlFunction<T> work) {
    return db.inline(c -> db.transaction(c, work));
  }

  private static void bind(PreparedStatement s, List<String> args) throws SQLException {
    int i = 1;
    for (String a : args) {
      s.setString(i++, a);
    }
  }

  private static ObjectNode read(ResultSet r, EntityTable t) throws SQLException {
    ObjectNode row = Json.object();
    for (Column c : t.columns()) {
      RowCodec.read(r, c, row);
    }
    return row;
  }

  private static EntityConflictException conflict(EntityTable t, String id) {
    String kind = Character.toUpperCase(t.kind().charAt(0)) + t.kind().substring(1);
    return new EntityConflictException(kind + " already exists, passed " + t.idColumn() + "=" + id
        + ". Please pass a new " + t.idColumn() + ".", t.idColumn());
  }

  static DatabaseException wrap(SQLException e) {
    return new DatabaseException(e.getMessage(), e);
  }
}
