package dev.tollgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.Router;
import dev.tollgate.core.router.Scheduler;
import dev.tollgate.core.router.DeploymentRouting;
import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.stream.ChunkStream;
import dev.tollgate.core.transport.JdkHttpTransport;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.FakeUpstream;
import dev.tollgate.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK router against a fake OpenAI-format upstream on loopback. */
class RouterClientTest {
  private static FakeUpstream fake;
  private static TollgateClient client;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    client = new TollgateClient(ProviderRegistry.defaults(), new JdkHttpTransport(), Map.of());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
    fake.script("model-broken", Behavior.openAiError(500, "upstream exploded", "server_error", null));
    fake.script("model-good", Behavior.reply("hello from the good one"));
  }

  private static Deployment deployment(String group, String id, String upstreamModel) {
    CallTarget template = CallTarget.of(null, null).withApiBase(fake.baseUrl()).withApiKey("sk-" + id);
    return new Deployment(group, id, "openai/" + upstreamModel, null, template);
  }

  /** A deployment in priority tier {@code order}, so that a test knows which one the router tries first. */
  private static Deployment deployment(String group, String id, String upstreamModel, int order) {
    return deployment(group, id, upstreamModel).withRouting(new DeploymentRouting(
        null, null, null, order, null, null, null, null, null, null, null, null));
  }

  private static ChatRequest ask(String model) {
    return ChatRequest.builder().model(model).addMessage(ChatMessage.user("hello there")).build();
  }

  private static List<String> upstreamModels() {
    return fake.requests().stream().map(RecordedRequest::json).map(j -> j.get("model").asText()).toList();
  }

  @Test
  void aFailingDeploymentIsRetriedOnTheOtherOne() {
    RouterClient router = new RouterClient(client, List.of(
        deployment("gpt", "broken", "model-broken", 1), deployment("gpt", "good", "model-good", 2)),
        RouterOptions.defaults());

    ChatResponse response = router.completion(ask("gpt"));

    assertThat(response.text()).isEqualTo("hello from the good one");
    assertThat(upstreamModels()).containsExactly("model-broken", "model-good");
    assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer sk-good");
    assertThat(router.router().state().inFlight("good")).isZero();
    assertThat(router.router().state().inFlight("broken")).isZero();
    assertThat(router.router().state().usage("good").tokens()).isEqualTo(response.usage().totalTokens().longValue());
  }

  @Test
  void aFailingGroupFallsBackToAnother() {
    RouterClient router = new RouterClient(client, List.of(
        deployment("primary", "broken", "model-broken"), deployment("backup", "good", "model-good")),
        RouterOptions.builder().numRetries(1).fallbacks(Map.of("primary", List.of("backup"))).build());

    ChatResponse response = router.completion(ask("primary"));

    assertThat(response.text()).isEqualTo("hello from the good one");
    assertThat(upstreamModels()).containsExactly("model-broken", "model-broken", "model-good");
  }

  @Test
  void factoryDeploymentsGetStableDistinctIdsAndRoute() {
    Deployment good = RouterClient.deployment("gpt", "openai/model-good", "sk-1", fake.baseUrl());

    assertThat(good.id()).isEqualTo(RouterClient.deployment("gpt", "openai/model-good", "sk-1", fake.baseUrl()).id());
    assertThat(good.id()).isNotEqualTo(RouterClient.deployment("gpt", "openai/model-good", "sk-2", fake.baseUrl()).id());
    RouterClient router = new RouterClient(client, List.of(good), RouterOptions.defaults());
    assertThat(router.completion(ask("gpt")).text()).isEqualTo("hello from the good one");
    assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer sk-1");
  }

  @Test
  void aDeploymentTimeoutEndsTheAttemptAndTheNextDeploymentAnswers() {
    fake.script("model-slow", Behavior.reply("too late").delayed(Duration.ofSeconds(3)));
    Deployment slow = deployment("gpt", "slow", "model-slow").withRouting(new DeploymentRouting(
        null, null, null, 1, null, null, Duration.ofMillis(200), null, null, null, null, null));
    RouterClient router = new RouterClient(client, List.of(slow, deployment("gpt", "good", "model-good", 2)),
        RouterOptions.defaults());

    ChatResponse response = router.completion(ask("gpt"));

    assertThat(response.text()).isEqualTo("hello from the good one");
    assertThat(upstreamModels()).containsExactly("model-slow", "model-good");
  }

  @Test
  void embeddingsAreRoutedToo() {
    fake.script("embed-good", Behavior.embedding(4));
    RouterClient router = new RouterClient(client, List.of(
        deployment("vectors", "broken", "model-broken", 1), deployment("vectors", "good", "embed-good", 2)),
        RouterOptions.defaults());

    EmbeddingResponse response = router.embedding(EmbeddingRequest.of("vectors", List.of("a", "b")));

    assertThat(response.data()).hasSize(2);
    assertThat(upstreamModels()).containsExactly("model-broken", "embed-good");
    assertThat(router.router().state().inFlight("good")).isZero();
  }

  @Test
  void theUpstreamsRetryAfterHeaderSetsTheWaitBeforeARetry() {
    fake.script("model-limited",
        Behavior.openAiError(429, "slow down", "rate_limit_error", null).withHeader("retry-after", "2"));
    List<Long> delays = new CopyOnWriteArrayList<>();
    Scheduler recordingNoWait = (delay, task) -> {
      delays.add(delay);
      Scheduler.daemon().schedule(0, task);
    };
    Router inner = new Router(List.of(deployment("gpt", "limited", "model-limited")),
        RouterOptions.builder().numRetries(1).build(), new InMemoryRouterState(), recordingNoWait);
    RouterClient router = new RouterClient(client, inner);

    assertThatThrownBy(() -> router.completion(ask("gpt"))).isInstanceOf(RateLimitException.class);
    assertThat(delays).containsExactly(2000L);
    assertThat(fake.requests()).hasSize(2);
  }

  @Test
  void theLastErrorIsThrownWhenEverythingFails() {
    RouterClient router = new RouterClient(client, List.of(deployment("gpt", "broken", "model-broken")),
        RouterOptions.defaults());
    ChatRequest once = ask("gpt").toBuilder().extra("num_retries", IntNode.valueOf(0)).build();

    assertThatThrownBy(() -> router.completion(once))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("upstream exploded");
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void aStreamIsRetriedUntilOneOpensAndItsLeaseEndsWithTheStream() {
    RouterClient router = new RouterClient(client, List.of(
        deployment("gpt", "broken", "model-broken", 1), deployment("gpt", "good", "model-good", 2)),
        RouterOptions.defaults());

    String text;
    try (ChunkStream stream = router.stream(ask("gpt").toBuilder().stream(true).build())) {
      assertThat(router.router().state().inFlight("good")).isEqualTo(1);
      text = stream.stream().map(ChatChunk::deltaText).collect(Collectors.joining());
    }

    assertThat(text).isEqualTo("hello from the good one");
    assertThat(upstreamModels()).containsExactly("model-broken", "model-good");
    assertThat(router.router().state().inFlight("good")).isZero();
    assertThat(router.router().state().latency("good").timeToFirstToken()).isNotNaN();
  }
}
