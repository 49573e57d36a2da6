package dev.tollgate.core.router;

import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.providers.prices.PriceTable;
import dev.tollgate.providers.spi.CallTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Deployments, groups, a controllable clock and the test price table for router tests. */
public final class RouterFixtures {
  /** The start of a UTC minute. */
  public static final long MINUTE_START = 1_800_000_000_000L;
  /** Ten seconds into that minute: 50 seconds are left of it. */
  public static final long T0 = MINUTE_START + 10_000;

  private RouterFixtures() {}

  /** Epoch millis a test sets and advances. */
  public static final class Clock implements java.util.function.LongSupplier {
    private final AtomicLong now;

    public Clock(long start) {
      now = new AtomicLong(start);
    }

    @Override
    public long getAsLong() {
      return now.get();
    }

    public void advance(long millis) {
      now.addAndGet(millis);
    }

    public void set(long millis) {
      now.set(millis);
    }
  }

  /** A deployment of group {@code g} with model {@code openai/gpt-4o-mini} and the given routing. */
  public static Deployment deployment(String id, Routing routing) {
    return deployment(id, "openai/gpt-4o-mini", routing);
  }

  public static Deployment deployment(String id, String litellmModel, Routing routing) {
    return new Deployment("g", id, litellmModel, null, CallTarget.of(null, null), null, null, routing.build());
  }

  public static ModelGroups.Group group(Deployment... deployments) {
    return new ModelGroups(Arrays.asList(deployments)).resolve("g").orElseThrow();
  }

  public static ModelGroups.Group group(List<Deployment> deployments) {
    return new ModelGroups(new ArrayList<>(deployments)).resolve("g").orElseThrow();
  }

  public static Routing routing() {
    return new Routing();
  }

  /** {@code src/test/resources/router/prices.json}. */
  public static CostCalculator testPrices() {
    try (InputStream in = RouterFixtures.class.getResourceAsStream("/router/prices.json")) {
      return new CostCalculator(PriceTable.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request for group {@code g}. */
  public static RouteRequest request() {
    return RouteRequest.of("g");
  }

  public static RouteRequest request(List<String> tags, long promptTokens, boolean stream) {
    return new RouteRequest("g", tags, stream, () -> promptTokens, null, null, null, null, false, new RouteTrace());
  }

  /** The deployment id a selection picked; rethrows the selection's failure. */
  public static String pick(DeploymentSelector selector, ModelGroups.Group group, RouteRequest request,
      java.util.Set<String> avoid) {
    try {
      return selector.select(group, request, avoid).toCompletableFuture().join().deployment().id();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** How often each deployment was picked in {@code n} selections; {@code between} runs after each. */
  public static java.util.Map<String, Integer> pickCounts(DeploymentSelector selector, ModelGroups.Group group,
      RouteRequest request, int n, Runnable between) {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(pick(selector, group, request, java.util.Set.of()), 1, Integer::sum);
      between.run();
    }
    return counts;
  }

  /** A {@link DeploymentRouting} builder for tests. */
  public static final class Routing {
    private Long rpm;
    private Long tpm;
    private Double weight;
    private Integer order;
    private List<String> tags = List.of();
    private Integer maxParallel;
    private Integer maxInputTokens;

    public Routing rpm(long v) { rpm = v; return this; }
    public Routing tpm(long v) { tpm = v; return this; }
    public Routing weight(double v) { weight = v; return this; }
    public Routing order(int v) { order = v; return this; }
    public Routing tags(String... v) { tags = List.of(v); return this; }
    public Routing maxParallel(int v) { maxParallel = v; return this; }
    public Routing maxInputTokens(int v) { maxInputTokens = v; return this; }

    DeploymentRouting build() {
      return new DeploymentRouting(rpm, tpm, weight, order, tags, maxParallel, null, null, null, null, null,
          maxInputTokens);
    }
  }
}
