package dev.tollgate.bench.micro;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.DeploymentRouting;
import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.router.RoutingStrategyName;
import dev.tollgate.core.router.StrategySelector;
import dev.tollgate.providers.spi.CallTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
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
 * {@link StrategySelector#select} for one model group of {@code deployments} deployments with
 * {@link InMemoryRouterState}: cooldown check of every deployment, the strategy's choice and the slot taken with
 * {@code acquire} (no limits configured, so every select is admitted and counted). {@code strategy} is
 * {@code simple-shuffle} (each deployment has a weight) or {@code usage-based-routing-v2} (reads every deployment's
 * minute usage; setup gives each deployment some tokens so that there is a real minimum, until the minute rolls over).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouterSelectBench {

  @Param({"1", "10", "100"})
  public int deployments;

  @Param({"simple-shuffle", "usage-based-routing-v2"})
  public String strategy;

  StrategySelector selector;
  ModelGroups.Group group;
  RouteRequest request;

  @Setup(Level.Trial)
  public void setup() {
    List<Deployment> list = new ArrayList<>(deployments);
    InMemoryRouterState state = new InMemoryRouterState();
    for (int i = 0; i < deployments; i++) {
      DeploymentRouting routing = new DeploymentRouting(null, null, (double) (1 + i % 4), null, List.of(), null, null,
          null, null, null, null, null);
      list.add(new Deployment("bench-group", "dep-" + i, "openai/gpt-4o-mini", null,
          CallTarget.of(null, null), null, null, routing));
      state.addTokens("dep-" + i, 1_000 + (i * 7919L) % 5_000);
    }
    group = new ModelGroups(list).resolve("bench-group").orElseThrow();
    RouterOptions options = RouterOptions.builder().strategy(RoutingStrategyName.parse(strategy)).build();
    selector = StrategySelector.of(options, state, null, new SplittableRandom(42));
    request = RouteRequest.of("bench-group");
  }

  @Benchmark
  public CompletionStage<ModelGroups.Pick> select() {
    return selector.select(group, request, Set.of());
  }
}
