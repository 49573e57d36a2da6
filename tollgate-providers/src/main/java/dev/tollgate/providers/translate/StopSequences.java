package dev.tollgate.providers.translate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** OpenAI's {@code stop} (a string or an array of strings) as a list. */
public final class StopSequences {
  private StopSequences() {}

  /** The stop strings; empty for null/absent. */
  public static List<String> of(JsonNode stop) {
    List<String> out = new ArrayList<>();
    if (stop == null || stop.isNull() || stop.isMissingNode()) {
      return out;
    }
    if (stop.isTextual()) {
      out.add(stop.asText());
      return out;
    }
    if (stop.isArray()) {
      for (JsonNode s : stop) {
        if (s.isTextual()) {
          out.add(s.asText());
        }
      }
    }
    return out;
  }
}
