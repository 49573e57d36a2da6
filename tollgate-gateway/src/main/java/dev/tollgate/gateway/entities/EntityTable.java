package dev.tollgate.gateway.entities;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An entity table described as data: its name, id column, columns, and which columns a management request may set.
 * {@link EntityStore} reads and writes any such table; {@link EntityTables} lists Tollgate's.
 *
 * @param kind what the API calls one row ("user", "team", ...), for messages
 * @param settable the columns a {@code /x/new} or {@code /x/update} body may set directly
 */
public record EntityTable(String kind, String table, String idColumn, List<Column> columns, Set<String> settable) {
  public EntityTable {
    columns = List.copyOf(columns);
    settable = Set.copyOf(settable);
  }

  /** The column with this name, or null. */
  public Column column(String name) {
    for (Column c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** Column name to column, in table order. */
  public Map<String, Column> byName() {
    Map<String, Column> out = new LinkedHashMap<>();
    columns.forEach(c -> out.put(c.name(), c));
    return out;
  }

  String selectAll() {
    return "SELECT " + String.join(", ", columns.stream().map(Column::name).toList()) + " FROM " + table;
  }
}
