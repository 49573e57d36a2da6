package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON text of a spend row's {@code metadata} and {@code request_tags} columns, written straight from the row
 * (the request's metadata object is read, never copied or changed).
 *
 * <p>{@code metadata} is the request's own {@code metadata}, plus, in this order: LiteLLM's
 * {@code user_api_key_alias} (virtual keys with an alias) and {@code status_code}; Tollgate's
 * {@code attempted_retries} and {@code attempted_fallbacks} when the call reached the router (what
 * {@code x-litellm-attempted-retries} / {@code -fallbacks} said); {@code usage_reported: false} for a successful call
 * that reported no usage or whose usage the gateway estimated, then {@code usage_estimated: true} for the latter; and
 * LiteLLM's {@code error_information} ({@code error_class}, {@code error_code}, {@code error_message}) for a failure.
 * A field the request's metadata already has keeps its place and takes the row's value, as a put into a copy of the
 * object would.
 */
final class SpendMetadata {
  private static final String ALIAS = "user_api_key_alias";
  private static final String STATUS = "status_code";
  private static final String RETRIES = "attempted_retries";
  private static final String FALLBACKS = "attempted_fallbacks";
  private static final String USAGE_REPORTED = "usage_reported";
  private static final String USAGE_ESTIMATED = "usage_estimated";
  private static final String ERROR = "error_information";
  /** The added fields, in the order they are appended; a field's bit is {@code 1 << index}. */
  private static final List<String> ADDED = List.of(ALIAS, STATUS, RETRIES, FALLBACKS, USAGE_REPORTED,
      USAGE_ESTIMATED, ERROR);

  /** The added fields whose values are text (to escape): rows with one of them take the generator. */
  private static final int TEXT_FIELDS = 1 << ADDED.indexOf(ALIAS) | 1 << ADDED.indexOf(ERROR);

  private SpendMetadata() {}

  /** The {@code metadata} column's text. */
  static String json(SpendRow r) {
    int adds = adds(r);
    ObjectNode own = r.requestMetadata();
    if ((own == null || own.isEmpty()) && (adds & TEXT_FIELDS) == 0) {
      return numbersOnly(adds, r); // most rows: no metadata of their own, nothing to escape
    }
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      int written = 0;
      if (own != null) {
        for (Map.Entry<String, JsonNode> e : own.properties()) {
          int i = ADDED.indexOf(e.getKey());
          if (i >= 0 && (adds & (1 << i)) != 0) {
            writeAdded(g, i, r);
            written |= 1 << i;
          } else {
            g.writeFieldName(e.getKey());
            g.writeTree(e.getValue());
          }
        }
      }
      for (int i = 0; i < ADDED.size(); i++) {
        if ((adds & ~written & (1 << i)) != 0) {
          writeAdded(g, i, r);
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The added fields as text, without a JSON generator: what {@link #json} writes for a row with no metadata of its
   * own when every field it adds is a number or a boolean.
   */
  private static String numbersOnly(int adds, SpendRow r) {
    StringBuilder out = new StringBuilder(96).append('{');
    for (int i = 0; i < ADDED.size(); i++) {
      if ((adds & (1 << i)) == 0) {
        continue;
      }
      if (out.length() > 1) {
        out.append(',');
      }
      String name = ADDED.get(i);
      out.append('"').append(name).append("\":");
      switch (name) {
        case STATUS -> out.append(r.httpStatus());
        case RETRIES -> out.append(r.attemptedRetries());
        case FALLBACKS -> out.append(r.attemptedFallbacks());
        case USAGE_REPORTED -> out.append(false);
        case USAGE_ESTIMATED -> out.append(true);
        default -> throw new IllegalStateException(name + " is text, not written here");
      }
    }
    return out.append('}').toString();
  }

  /** The {@code request_tags} column's text: a JSON array of strings. */
  static String tags(List<String> tags) {
    if (tags.isEmpty()) {
      return "[]";
    }
    StringWriter out = new StringWriter(16 * tags.size());
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartArray();
      for (String tag : tags) {
        g.writeString(tag);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The bits of the fields this row adds. */
  private static int adds(SpendRow r) {
    int bits = 1 << ADDED.indexOf(STATUS);
    if (r.keyAlias() != null) {
      bits |= 1 << ADDED.indexOf(ALIAS);
    }
    if (r.routed()) {
      bits |= 1 << ADDED.indexOf(RETRIES) | 1 << ADDED.indexOf(FALLBACKS);
    }
    if ((!r.usageKnown() && r.succeeded()) || r.usageEstimated()) {
      bits |= 1 << ADDED.indexOf(USAGE_REPORTED);
    }
    if (r.usageEstimated()) {
      bits |= 1 << ADDED.indexOf(USAGE_ESTIMATED);
    }
    if ("failure".equals(r.status())) {
      bits |= 1 << ADDED.indexOf(ERROR);
    }
    return bits;
  }

  private static void writeAdded(JsonGenerator g, int index, SpendRow r) throws IOException {
    String name = ADDED.get(index);
    switch (name) {
      case ALIAS -> g.writeStringField(name, r.keyAlias());
      case STATUS -> g.writeNumberField(name, r.httpStatus());
      case RETRIES -> g.writeNumberField(name, r.attemptedRetries());
      case FALLBACKS -> g.writeNumberField(name, r.attemptedFallbacks());
      case USAGE_REPORTED -> g.writeBooleanField(name, false);
      case USAGE_ESTIMATED -> g.writeBooleanField(name, true);
      default -> { // error_information
        g.writeObjectFieldStart(name);
        g.writeStringField("error_class", r.errorType()); // null when unknown
        g.writeStringField("error_code", Integer.toString(r.httpStatus()));
        if (r.errorMessage() != null) {
          g.writeStringField("error_message", r.errorMessage());
        }
        g.writeEndObject();
      }
    }
  }
}
