package dev.tollgate.providers.openai;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The OpenAI-compatible provider rows, loaded once from {@code openai-compatible-providers.json}. */
public final class OpenAiCompatibleProviders {
  public static final String RESOURCE = "/dev/tollgate/providers/openai/openai-compatible-providers.json";
  private static final Map<String, ProviderRow> ROWS = load();

  private OpenAiCompatibleProviders() {}

  public static Map<String, ProviderRow> rows() {
    return ROWS;
  }

  public static Optional<ProviderRow> row(String id) {
    return Optional.ofNullable(ROWS.get(id));
  }

  private static Map<String, ProviderRow> load() {
    try (InputStream in = OpenAiCompatibleProviders.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      List<ProviderRow> rows = Json.MAPPER.readValue(in, new TypeReference<List<ProviderRow>>() {});
      Map<String, ProviderRow> byId = new LinkedHashMap<>();
      for (ProviderRow row : rows) {
        if (byId.put(row.id(), row) != null) {
          throw new IllegalStateException("duplicate provider row " + row.id());
        }
      }
      return java.util.Collections.unmodifiableMap(byId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
