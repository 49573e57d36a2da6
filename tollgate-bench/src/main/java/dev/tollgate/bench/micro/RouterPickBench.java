package dev.tollgate.bench.micro;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.models.RouteResolver;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.spi.CallTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Model routing with 100 deployments, built directly as {@link Deployment} records (each with its own api_base and key,
 * so {@code Provider.resolve} needs no environment). Scenarios ({@code shape}), from
 * {@code bench-fixtures/router.properties}:
 *
 * <ul>
 *   <li>{@code distinct}: 100 model names, one deployment each; the request names one of them exactly.
 *   <li>{@code group}: one model name with 100 deployments; the pick is uniformly random within the group.
 *   <li>{@code wildcard}: 99 exact names plus {@code openai/*}; the request misses the exact map and matches the glob.
 * </ul>
 *
 * {@code pick} is {@link ModelGroups#pick}; {@code route} is the pick plus {@link RouteResolver#resolve}: parse the
 * LiteLLM model string, find the provider, build and resolve the CallTarget. (The full routing decision with the
 * strategies and state is {@link RouterRouteBench}.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouterPickBench {
  static final int DEPLOYMENTS = 100;

  @Param({"distinct", "group", "wildcard"})
  public String shape;

  ModelGroups groups;
  RouteResolver resolver;
  String model;

  @Setup(Level.Trial)
  public void setup() {
    Properties p = BenchFixtures.properties("router.properties");
    String apiBase = p.getProperty("api_base");
    String apiKey = p.getProperty("api_key");
    List<Deployment> deployments = new ArrayList<>(DEPLOYMENTS);
    switch (shape) {
      case "distinct" -> {
        for (int i = 0; i < DEPLOYMENTS; i++) {
          deployments.add(deployment(p.getProperty("distinct.name") + i, p.getProperty("distinct.litellm") + i,
              apiBase, apiKey, i));
        }
        model = p.getProperty("distinct.name") + p.getProperty("distinct.request_index");
      }
      case "group" -> {
        for (int i = 0; i < DEPLOYMENTS; i++) {
          deployments.add(deployment(p.getProperty("group.name"), p.getProperty("group.litellm"), apiBase, apiKey, i));
        }
        model = p.getProperty("group.name");
      }
      case "wildcard" -> {
        for (int i = 0; i < DEPLOYMENTS - 1; i++) {
          deployments.add(deployment(p.getProperty("distinct.name") + i, p.getProperty("distinct.litellm") + i,
              apiBase, apiKey, i));
        }
        deployments.add(deployment(p.getProperty("wildcard.name"), p.getProperty("wildcard.litellm"), apiBase, apiKey,
            DEPLOYMENTS - 1));
        model = p.getProperty("wildcard.request");
      }
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    }
    groups = new ModelGroups(deployments);
    resolver = new RouteResolver(ProviderRegistry.defaults(), Map.of());
    if (route().isEmpty()) {
      throw new IllegalStateException(shape + ": " + model + " does not route");
    }
  }

  private static Deployment deployment(String name, String litellmModel, String apiBase, String apiKey, int i) {
    CallTarget template = new CallTarget(null, null, apiBase.replace("{i}", Integer.toString(i)), apiKey + i, null,
        Duration.ofSeconds(600), Map.of(), Map.of(), false);
    return new Deployment(name, "dep-" + i, litellmModel, null, template);
  }

  @Benchmark
  public Optional<ModelGroups.Pick> pick() {
    return groups.pick(model);
  }

  @Benchmark
  public Optional<Route> route() {
    return groups.pick(model).map(resolver::resolve);
  }
}
