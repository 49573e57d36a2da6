package dev.tollgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.providers.prices.PriceTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price table a gateway bills with: the built-in table, or a file in LiteLLM's
 * {@code model_prices_and_context_window.json} shape laid over it (the {@code --prices} flag, else
 * {@code litellm_settings.model_cost_map_path}). A file's entry replaces the built-in entry of the same key whole;
 * keys the file does not name keep their built-in price. Read once, when the settings snapshot is built: the gateway
 * never fetches prices over the network.
 */
public final class PriceSource {
  private static final Logger LOG = LoggerFactory.getLogger(PriceSource.class);
  static final String SETTING = "litellm_settings.model_cost_map_path";

  private PriceSource() {}

  /**
   * The calculator for this config.
   *
   * @param flag the {@code --prices} file, or null; it wins over the config setting
   * @throws ConfigException when the file is missing, not JSON, or the setting is a URL
   */
  public static CostCalculator costs(ProxyConfig config, Path flag) {
    Path file = flag;
    String origin = "--prices";
    if (file == null) {
      file = configured(config);
      origin = SETTING;
    }
    if (file == null) {
      return CostCalculator.builtIn();
    }
    return new CostCalculator(PriceTable.builtIn().replacedBy(read(file, origin)));
  }

  private static Path configured(ProxyConfig config) {
    JsonNode value = config.litellmSettings().extra().get("model_cost_map_path");
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText().trim();
    if (!value.isTextual() || text.isEmpty()) {
      throw new ConfigException(SETTING + " must be the path of a local JSON price file");
    }
    if (text.matches("(?i)^[a-z][a-z0-9+.-]*://.*") && !text.regionMatches(true, 0, "file://", 0, 7)) {
      throw new ConfigException(SETTING + " must be a local file path, got the URL '" + text
          + "': Tollgate does not fetch prices at start; download the file and give its path");
    }
    if (text.regionMatches(true, 0, "file://", 0, 7)) {
      text = text.substring(7);
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new ConfigException(SETTING + ": not a valid path: '" + text + "'");
    }
  }

  /** Reads the file; unreadable entries are dropped with one warning line. */
  static PriceTable read(Path file, String origin) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(origin + ": price file not found: " + file.toAbsolutePath());
    }
    PriceTable.Lenient loaded;
    try (InputStream in = Files.newInputStream(file)) {
      loaded = PriceTable.readLenient(in);
    } catch (IOException e) {
      throw new ConfigException(origin + ": price file " + file + " is not a JSON object of model prices ("
          + firstLine(e.getMessage()) + ")");
    }
    List<String> skipped = loaded.skipped();
    if (!skipped.isEmpty()) {
      LOG.warn("price file {}: skipped {} entr{} Tollgate cannot read (not an object, or a price that is not a "
          + "number): {}", file, skipped.size(), skipped.size() == 1 ? "y" : "ies",
          String.join(", ", skipped.subList(0, Math.min(10, skipped.size()))) + (skipped.size() > 10 ? ", ..." : ""));
    }
    LOG.info("prices: {} entries from {} laid over the built-in table", loaded.table().size(), file);
    return loaded.table();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
