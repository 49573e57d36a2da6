package dev.tollgate.gateway.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * The JSON kinds of a request record's top-level fields, read once from the record's components (their
 * {@code @JsonProperty} names and Java types), so a body can be checked as parsed, without binding it. A field may
 * always be null; fields the record does not model (its extras) are not checked.
 */
final class FieldTypes {
  private enum Kind {
    STRING("a string"), NUMBER("a number"), BOOLEAN("true or false"), ARRAY("an array"), ANY(null);

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private final Map<String, Kind> kinds;

  private FieldTypes(Map<String, Kind> kinds) {
    this.kinds = kinds;
  }

  static FieldTypes of(Class<? extends Record> type) {
    Map<String, Kind> kinds = new HashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      // @JsonProperty does not target record components; Java copies it onto the accessor
      JsonProperty property = c.getAccessor().getAnnotation(JsonProperty.class);
      String name = property != null && !property.value().isEmpty() ? property.value() : c.getName();
      Class<?> t = c.getType();
      Kind kind = t == String.class ? Kind.STRING
          : Number.class.isAssignableFrom(t) ? Kind.NUMBER
          : t == Boolean.class ? Kind.BOOLEAN
          : List.class.isAssignableFrom(t) ? Kind.ARRAY
          : Kind.ANY;
      if (kind != Kind.ANY) {
        kinds.put(name, kind);
      }
    }
    return new FieldTypes(Map.copyOf(kinds));
  }

  /** Throws a 400 naming the first field whose value is not of its declared kind. */
  void check(ObjectNode body) {
    for (Entry<String, JsonNode> field : body.properties()) {
      Kind kind = kinds.get(field.getKey());
      if (kind != null && !matches(kind, field.getValue())) {
        throw ApiError.badRequest("'" + field.getKey() + "' has the wrong type: expected " + kind.description,
            field.getKey());
      }
    }
  }

  private static boolean matches(Kind kind, JsonNode value) {
    if (value.isNull()) {
      return true;
    }
    return switch (kind) {
      case STRING -> value.isTextual();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case ARRAY -> value.isArray();
      case ANY -> true;
    };
  }
}
