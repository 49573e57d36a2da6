package dev.tollgate.gateway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.Gateway;
import dev.tollgate.gateway.NetworkTransport;
import dev.tollgate.gateway.SettingsFactory;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.gateway.shared.RedisConfig;
import dev.tollgate.gateway.shared.RedisSharedState;
import dev.tollgate.gateway.shared.SharedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate}: starts the gateway, with LiteLLM's CLI flags. */
@Command(
    name = "tollgate",
    mixinStandardHelpOptions = true,
    version = "Tollgate 0.1.0",
    description = "An OpenAI-compatible LLM gateway that reads LiteLLM's config.yaml.")
public final class TollgateCommand implements Callable<Integer> {
  @Option(names = {"--config", "-c"}, description = "LiteLLM-format config.yaml (default: env CONFIG_FILE_PATH, "
      + "else a built-in config with the mock model)")
  Path config;

  @Option(names = "--port", description = "port to listen on (default: env PORT, else 4000)")
  Integer port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to bind (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--model", description = "quick mode: serve this one model (e.g. openai/gpt-4o) with no config")
  String model;

  @Option(names = "--num_workers", description = "event loops (default: number of CPU cores)")
  Integer numWorkers;

  @Option(names = "--detailed_debug", description = "log every request and upstream call at DEBUG")
  boolean detailedDebug;

  @Option(names = "--debug", description = "log at INFO with Tollgate's own debug lines")
  boolean debug;

  @Option(names = "--prices", description = "a price file in LiteLLM's model_prices_and_context_window.json shape, "
      + "laid over the built-in table (wins over litellm_settings.model_cost_map_path)")
  Path prices;

  @Option(names = "--state_dir", defaultValue = ".tollgate",
      description = "where a generated master key is kept (default: ${DEFAULT-VALUE})")
  Path stateDir;

  public static void main(String[] args) {
    NetworkStackDefaults.apply();
    System.exit(new CommandLine(new TollgateCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (detailedDebug || debug) {
      ((Logger) LoggerFactory.getLogger("dev.tollgate")).setLevel(Level.DEBUG);
    }
    ProxyConfig loaded;
    String source;
    Path file = config != null ? config : envPath("CONFIG_FILE_PATH");
    try {
      if (model != null) {
        loaded = ConfigLoader.parse(QuickConfig.yaml(model), "--model " + model, System.getenv());
        source = "quick mode (--model " + model + ")";
      } else if (file != null) {
        if (!Files.isRegularFile(file)) {
          System.err.println("tollgate: config file not found: " + file.toAbsolutePath());
          return 2;
        }
        loaded = ConfigLoader.load(file);
        source = file.toString();
      } else {
        loaded = ConfigLoader.parse(QuickConfig.defaultYaml(), "built-in default config", System.getenv());
        source = "built-in default config (mock models; pass --config to use your own)";
      }
    } catch (ConfigException e) {
      System.err.println("tollgate: invalid config: " + e.getMessage());
      return 2;
    }
    SettingsFactory.Built built;
    try {
      built = SettingsFactory.build(loaded, stateDir, prices);
    } catch (ConfigException e) {
      System.err.println("tollgate: invalid config: " + e.getMessage());
      return 2;
    }
    NetworkTransport network;
    try {
      network = NetworkTransport.choose();
    } catch (IllegalArgumentException e) {
      System.err.println("tollgate: " + e.getMessage());
      return 2;
    }
    ControlPlane plane;
    try {
      SharedState shared = RedisConfig.from(loaded).<SharedState>map(RedisSharedState::new)
          .orElseGet(SharedState::local);
      plane = ControlPlane.open(SettingsFactory.databaseUrl(loaded, model != null ? null : file, stateDir), shared);
    } catch (ConfigException e) {
      System.err.println("tollgate: invalid config: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("tollgate: " + e.getMessage());
      return 1;
    }
    int listenPort = port != null ? port : envInt("PORT", 4000);
    int loops = numWorkers != null ? numWorkers : Runtime.getRuntime().availableProcessors();
    Gateway gateway;
    try {
      gateway = Gateway.start(built.settings(), plane, host, listenPort, Math.max(1, loops), network);
    } catch (Exception e) {
      System.err.println("tollgate: cannot listen on " + host + ":" + listenPort + ": " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "tollgate-shutdown"));
    String shown = "localhost".equals(host) || "0.0.0.0".equals(host) ? "localhost" : host;
    long startedMs = ProcessAge.millis().orElse(-1L);
    System.out.println("Tollgate is listening on http://" + shown + ":" + gateway.port()
        + (startedMs >= 0 ? "  (ready " + startedMs + " ms after start)" : ""));
    System.out.println("  config:     " + source);
    System.out.println("  database:   " + plane.database().display());
    System.out.println("  limits:     " + plane.shared().display());
    System.out.println("  network:    " + gateway.transport());
    System.out.println("  models:     " + String.join(", ", built.settings().models().groups().names()));
    System.out.println("  master key: " + built.settings().masterKey() + "  (" + built.masterKeySource() + ")");
    System.out.println("  try:        curl http://localhost:" + gateway.port() + "/v1/chat/completions -H "
        + "'Authorization: Bearer " + built.settings().masterKey() + "' -H 'Content-Type: application/json' -d '"
        + "{\"model\":\"" + firstModel(built) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'");
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static String firstModel(SettingsFactory.Built built) {
    var names = built.settings().models().groups().names();
    return names.isEmpty() ? "<model>" : names.get(0);
  }

  private static Path envPath(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  private static int envInt(String name, int fallback) {
    String value = System.getenv(name);
    try {
      return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
