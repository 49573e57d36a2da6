package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.entities.Column;
import dev.tollgate.gateway.entities.EntityTable;
import java.time.Instant;

/** Entity rows in LiteLLM's reply shape: the columns by name, times as ISO-8601 UTC strings. */
final class EntityJson {
  private EntityJson() {}

  static ObjectNode of(EntityTable t, ObjectNode row) {
    ObjectNode o = row.deepCopy();
    for (Column c : t.columns()) {
      JsonNode v = o.get(c.name());
      if (c.kind() == Column.Kind.TIME && v != null && v.isNumber()) {
        o.put(c.name(), Instant.ofEpochMilli(v.asLong()).toString());
      }
    }
    return o;
  }
}
