package dev.tollgate.providers.prices;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The model cost map: prices and context windows by LiteLLM model key, immutable. {@link #builtIn()} is Tollgate's own
 * table of current models; {@link #load(Path)} reads LiteLLM's full published {@code model_prices_and_context_window.json}
 * (or any file in its shape), so a deployment can price every model LiteLLM knows.
 */
public final class PriceTable {
  /** The classpath resource of the built-in table. */
  public static final String RESOURCE = "/dev/tollgate/providers/prices/model_prices.json";
  /** LiteLLM's documentation entry; never a model. */
  public static final String SAMPLE_SPEC = "sample_spec";

  /** Bedrock cross-region inference profile prefixes: {@code us.anthropic.claude-...} is priced as the base id. */
  private static final Pattern BEDROCK_GEO_PREFIX =
      Pattern.compile("^(?:us-gov|us|eu|apac|jp|au|ca|global)\\.(?=[a-z0-9-]+\\.)");
  /** A leading AWS region path segment, as in LiteLLM's {@code bedrock/us-east-1/<model>} keys. */
  private static final Pattern REGION_SEGMENT = Pattern.compile("^[a-z]{2}(?:-gov)?-[a-z]+-\\d+/");

  private static final class BuiltIn {
    static final PriceTable TABLE = loadResource();
  }

  private final Map<String, ModelPrice> entries;
  private final Set<String> providers;

  private PriceTable(Map<String, ModelPrice> entries) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    Set<String> names = new LinkedHashSet<>();
    this.entries.forEach((key, price) -> {
      if (price.litellmProvider() != null) {
        names.add(price.litellmProvider());
      }
      int slash = key.indexOf('/');
      if (slash > 0) {
        names.add(key.substring(0, slash));
      }
    });
    this.providers = Collections.unmodifiableSet(names);
  }

  /** Tollgate's bundled table, read from the classpath once. */
  public static PriceTable builtIn() {
    return BuiltIn.TABLE;
  }

  public static PriceTable empty() {
    return new PriceTable(Map.of());
  }

  public static PriceTable of(Map<String, ModelPrice> entries) {
    return new PriceTable(entries);
  }

  /**
   * Reads a file in LiteLLM's {@code model_prices_and_context_window.json} format: unknown fields are kept in
   * {@link ModelPrice#extra()}, the {@code sample_spec} key and any non-object value are skipped.
   */
  public static PriceTable load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model price file " + file, e);
    }
  }

  /** As {@link #load(Path)}, from a stream (not closed here). */
  public static PriceTable read(InputStream in) throws IOException {
    JsonNode root = Json.MAPPER.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IOException("a model price file must be a JSON object keyed by model name");
    }
    Map<String, ModelPrice> entries = new LinkedHashMap<>();
    root.properties().forEach(e -> {
      if (!SAMPLE_SPEC.equals(e.getKey()) && e.getValue().isObject()) {
        entries.put(e.getKey(), ModelPrice.fromJson(e.getValue()));
      }
    });
    return new PriceTable(entries);
  }

  /**
   * A price file read leniently: the entries Tollgate could read, and the keys of those it could not (a value that is
   * not an object, or a price that is not a number), which a caller reports once and otherwise ignores.
   */
  public record Lenient(PriceTable table, List<String> skipped) {
    public Lenient {
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * As {@link #read(InputStream)}, but an entry that is not a JSON object, or whose price field ({@code *_cost*}) holds
   * something other than a number, a numeric string, an object of numbers (as {@code search_context_cost_per_query})
   * or null, is left out and named in {@link Lenient#skipped()} rather than read as "no price".
   *
   * @throws IOException when the stream is not JSON, or not a JSON object
   */
  public static Lenient readLenient(InputStream in) throws IOException {
    JsonNode root = Json.MAPPER.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IOException("a model price file must be a JSON object keyed by model name");
    }
    Map<String, ModelPrice> entries = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    root.properties().forEach(e -> {
      if (SAMPLE_SPEC.equals(e.getKey())) {
        return;
      }
      if (e.getValue().isObject() && readablePrices(e.getValue())) {
        entries.put(e.getKey(), ModelPrice.fromJson(e.getValue()));
      } else {
        skipped.add(e.getKey());
      }
    });
    return new Lenient(new PriceTable(entries), skipped);
  }

  private static boolean readablePrices(JsonNode entry) {
    for (Map.Entry<String, JsonNode> field : entry.properties()) {
      if (field.getKey().contains("cost") && !numeric(field.getValue(), true)) {
        return false;
      }
    }
    return true;
  }

  private static boolean numeric(JsonNode v, boolean allowObject) {
    if (v.isNull() || v.isNumber()) {
      return true;
    }
    if (v.isTextual()) {
      try {
        Double.parseDouble(v.asText().trim());
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (allowObject && v.isObject()) {
      for (Map.Entry<String, JsonNode> inner : v.properties()) {
        if (!numeric(inner.getValue(), false)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * A new table with {@code other}'s entries in place of this one's, key by key: an entry of {@code other} is taken
   * whole (no field of this table's entry survives), keys only this table has are kept.
   */
  public PriceTable replacedBy(PriceTable other) {
    Map<String, ModelPrice> merged = new LinkedHashMap<>(entries);
    merged.putAll(other.entries);
    return new PriceTable(merged);
  }

  private static PriceTable loadResource() {
    try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * A new table with {@code overrides} laid over this one key by key: a field set in an override wins, a field it
   * leaves null keeps this table's value ({@link ModelPrice#over}); a new key is added.
   */
  public PriceTable withOverrides(Map<String, ModelPrice> overrides) {
    Map<String, ModelPrice> merged = new LinkedHashMap<>(entries);
    overrides.forEach((key, price) -> merged.put(key, price.over(entries.get(key))));
    return new PriceTable(merged);
  }

  /** A new table with {@code other}'s entries laid over this one's ({@link #withOverrides}). */
  public PriceTable withOverrides(PriceTable other) {
    return withOverrides(other.entries);
  }

  /** The entry stored under exactly this key. */
  public Optional<ModelPrice> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * Finds the price of {@code model} called through {@code provider} (may be null), in LiteLLM's order:
   * {@code provider/model}, then {@code model} (accepted only when the entry's {@code litellm_provider} is that
   * provider or one of its families, such as {@code vertex_ai-language-models} for {@code vertex_ai} and
   * {@code bedrock_converse} for {@code bedrock}), then the same two for the model with a routing or region part
   * removed: Bedrock's {@code converse/} and {@code invoke/} routes, a region segment ({@code us-east-1/...}), a
   * cross-region inference prefix ({@code us.anthropic.claude-...} to {@code anthropic.claude-...}) and a Vertex
   * version suffix ({@code claude-sonnet-4-5@20250929} to {@code claude-sonnet-4-5}). Dated model names are not
   * shortened: {@code gpt-4o-2024-05-13} is priced only if that key exists, since dated snapshots can differ in price.
   */
  public Optional<ModelPrice> lookup(String provider, String model) {
    return lookupEntry(provider, model).map(Map.Entry::getValue);
  }

  /** As {@link #lookup}, also giving the key that matched. */
  public Optional<Map.Entry<String, ModelPrice>> lookupEntry(String provider, String model) {
    if (model == null || model.isBlank()) {
      return Optional.empty();
    }
    String p = provider == null || provider.isBlank() ? null : provider;
    for (String candidate : variants(p, model)) {
      if (p != null) {
        String prefixed = candidate.startsWith(p + "/") ? candidate : p + "/" + candidate;
        ModelPrice hit = entries.get(prefixed);
        if (hit != null) {
          return Optional.of(Map.entry(prefixed, hit));
        }
      }
      ModelPrice hit = entries.get(candidate);
      if (hit != null && (p == null || providerMatches(p, hit.litellmProvider()))) {
        return Optional.of(Map.entry(candidate, hit));
      }
    }
    return Optional.empty();
  }

  private static List<String> variants(String provider, String model) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    String m = model;
    if (provider != null && m.startsWith(provider + "/")) {
      out.add(m);
      m = m.substring(provider.length() + 1);
    }
    out.add(m);
    for (String route : List.of("converse/", "invoke/")) {
      if (m.startsWith(route)) {
        m = m.substring(route.length());
        out.add(m);
      }
    }
    String noRegion = REGION_SEGMENT.matcher(m).replaceFirst("");
    if (!noRegion.equals(m)) {
      m = noRegion;
      out.add(m);
    }
    String noGeo = BEDROCK_GEO_PREFIX.matcher(m).replaceFirst("");
    if (!noGeo.equals(m)) {
      m = noGeo;
      out.add(m);
    }
    int at = m.indexOf('@');
    if (at > 0) {
      out.add(m.substring(0, at));
    }
    return new ArrayList<>(out);
  }

  /**
   * True when an entry of {@code entryProvider} may price a call through {@code provider}: the same name, or a family
   * member ({@code vertex_ai-anthropic_models}, {@code bedrock_converse}, {@code cohere_chat}), or a call through
   * {@code litellm_proxy}, which forwards to whatever provider serves the model.
   */
  public static boolean providerMatches(String provider, String entryProvider) {
    if (provider == null || entryProvider == null || provider.equals(entryProvider)) {
      return true;
    }
    if ("litellm_proxy".equals(provider)) {
      return true;
    }
    return family(provider).equals(family(entryProvider));
  }

  private static String family(String provider) {
    int cut = provider.length();
    for (char sep : new char[] {'_', '-'}) {
      int i = provider.indexOf(sep);
      if (i > 0 && i < cut) {
        cut = i;
      }
    }
    String head = provider.substring(0, cut);
    // only these families are split: other names with '_' (together_ai, fireworks_ai) are whole names
    return switch (head) {
      case "vertex", "bedrock", "cohere" -> provider.startsWith("vertex_ai") ? "vertex_ai" : head;
      default -> provider;
    };
  }

  /** Every key, in file order. */
  public Set<String> keys() {
    return entries.keySet();
  }

  public Map<String, ModelPrice> entries() {
    return entries;
  }

  /** Every {@code litellm_provider} value and every key prefix ({@code groq} of {@code groq/llama-...}). */
  public Set<String> providers() {
    return providers;
  }

  public int size() {
    return entries.size();
  }
}
