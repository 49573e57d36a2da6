package dev.tollgate.bench.micro;

import dev.tollgate.core.router.Attempt;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.DeploymentRouting;
import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.Routed;
import dev.tollgate.core.router.Router;
import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.router.Scheduler;
import dev.tollgate.providers.spi.CallTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * The whole routing decision of one request, as the gateway pays it: {@link Router#route} resolves the model group,
 * selects a deployment (simple-shuffle, weights, in-memory state), counts it in flight, runs an attempt that succeeds
 * at once, and the caller ends the lease (in-flight count, tokens, latency sample). Everything but the upstream call.
 * Target (router issue): under 2 µs for a group of 100 deployments.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouterRouteBench {

  @Param({"1", "10", "100"})
  public int deployments;

  Router router;
  RouteRequest request;
  Attempt<String> attempt;

  @Setup(Level.Trial)
  public void setup() {
    List<Deployment> list = new ArrayList<>(deployments);
    for (int i = 0; i < deployments; i++) {
      DeploymentRouting routing = new DeploymentRouting(null, null, (double) (1 + i % 4), null, List.of(), null, null,
          null, null, null, null, null);
      list.add(new Deployment("bench-group", "dep-" + i, "openai/gpt-4o-mini", null, CallTarget.of(null, null), null,
          null, routing));
    }
    Scheduler inline = (delay, task) -> task.run();
    router = new Router(list, RouterOptions.defaults(), new InMemoryRouterState(), inline);
    request = RouteRequest.of("bench-group");
    CompletableFuture<String> answered = CompletableFuture.completedFuture("ok");
    attempt = (pick, info) -> answered;
  }

  @Benchmark
  public Routed<String> route() {
    Routed<String> routed = router.route(request, attempt).join();
    routed.lease().finish(20, 120);
    return routed;
  }
}
