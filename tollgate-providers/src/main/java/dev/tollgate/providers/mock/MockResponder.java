package dev.tollgate.providers.mock;

import dev.tollgate.providers.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Answers without any provider: the built-in {@code mock/} models and LiteLLM's {@code mock_response} request field.
 * A {@code mock_response} naming an error class ({@code litellm.RateLimitError}, {@code litellm.Timeout}, ...) raises
 * that typed error instead, as LiteLLM does, so retry and fallback paths can be tried without a provider.
 */
public final class MockResponder {
  public static final String PROVIDER = "mock";
  private static final Map<String, Integer> ERROR_STATUS = Map.ofEntries(
      Map.entry("BadRequestError", 400),
      Map.entry("ContextWindowExceededError", 400),
      Map.entry("ContentPolicyViolationError", 400),
      Map.entry("AuthenticationError", 401),
      Map.entry("PermissionDeniedError", 403),
      Map.entry("NotFoundError", 404),
      Map.entry("Timeout", 408),
      Map.entry("UnprocessableEntityError", 422),
      Map.entry("RateLimitError", 429),
      Map.entry("InternalServerError", 500),
      Map.entry("APIError", 500),
      Map.entry("BadGatewayError", 502),
      Map.entry("ServiceUnavailableError", 503));

  private MockResponder() {}

  /** The text the mock answers with: the request's {@code mock_response}, else an echo of the last user message. */
  public static String answerText(ChatRequest request) {
    JsonNode mock = request.extra().get("mock_response");
    if (mock != null && mock.isTextual()) {
      raiseIfError(mock.asText(), request.model());
      return mock.asText();
    }
    String said = "";
    for (ChatMessage message : request.messages() == null ? List.<ChatMessage>of() : request.messages()) {
      if ("user".equals(message.role()) && message.text() != null) {
        said = message.text();
      }
    }
    return said.isEmpty()
        ? "Hello from Tollgate's mock model."
        : "Hello from Tollgate's mock model. You said: " + said;
  }

  public static ChatResponse chat(ChatRequest request) {
    String text = answerText(request);
    return new ChatResponse(
        "chatcmpl-mock-" + Ids.uuid(),
        "chat.completion",
        System.currentTimeMillis() / 1000,
        request.model(),
        List.of(ChatResponse.Choice.of(0, ChatMessage.assistant(text), "stop")),
        usage(request, text),
        null,
        null);
  }

  /** The same answer as {@link #chat}, as OpenAI stream chunks: role, one chunk per word, finish, then usage. */
  public static List<ChatChunk> stream(ChatRequest request) {
    String text = answerText(request);
    String id = "chatcmpl-mock-" + Ids.uuid();
    long created = System.currentTimeMillis() / 1000;
    List<ChatChunk> chunks = new ArrayList<>();
    chunks.add(chunk(id, created, request, ChatMessage.builder().role("assistant").content("").build(), null));
    String[] words = text.split("(?<= )");
    for (String word : words) {
      chunks.add(chunk(id, created, request, ChatMessage.builder().content(word).build(), null));
    }
    chunks.add(chunk(id, created, request, ChatMessage.builder().build(), "stop"));
    if (request.includeUsageInStream()) {
      chunks.add(new ChatChunk(id, "chat.completion.chunk", created, request.model(), List.of(), usage(request, text),
          null, null));
    }
    return chunks;
  }

  /** A deterministic unit vector per input (seeded by its text), {@code dimensions} long (default 16). */
  public static EmbeddingResponse embedding(EmbeddingRequest request) {
    List<String> inputs = new ArrayList<>();
    if (request.input() != null && request.input().isArray()) {
      request.input().forEach(n -> inputs.add(n.toString()));
    } else {
      inputs.add(request.input() == null ? "" : request.input().asText());
    }
    int dims = request.dimensions() == null ? 16 : request.dimensions();
    List<EmbeddingResponse.Embedding> data = new ArrayList<>();
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      Random random = new Random(inputs.get(i).hashCode());
      double[] v = new double[dims];
      double norm = 0;
      for (int d = 0; d < dims; d++) {
        v[d] = random.nextGaussian();
        norm += v[d] * v[d];
      }
      ArrayNode vector = Json.MAPPER.createArrayNode();
      for (double x : v) {
        vector.add((float) (x / Math.sqrt(norm)));
      }
      data.add(new EmbeddingResponse.Embedding("embedding", i, vector, null));
      tokens += estimateTokens(inputs.get(i));
    }
    return new EmbeddingResponse("list", data, request.model(), new Usage(tokens, null, tokens, null), null);
  }

  private static void raiseIfError(String mock, String model) {
    String name = mock.startsWith("litellm.") ? mock.substring("litellm.".length()) : mock;
    Integer status = ERROR_STATUS.get(name);
    if (status == null) {
      return;
    }
    ProviderException error = status == 408
        ? new TimeoutException("mock_response asked for " + name, PROVIDER, model)
        : ErrorMapping.fromStatus(status, mockMessage(name), PROVIDER, model, Duration.ofSeconds(1));
    throw error;
  }

  private static String mockMessage(String name) {
    return switch (name) {
      case "ContextWindowExceededError" -> "mock_response asked for ContextWindowExceededError: context length exceeded";
      case "ContentPolicyViolationError" -> "mock_response asked for ContentPolicyViolationError: content policy";
      default -> "mock_response asked for " + name;
    };
  }

  private static ChatChunk chunk(String id, long created, ChatRequest req, ChatMessage delta, String finish) {
    // OpenAI sends "finish_reason": null on every chunk but the last; so do we.
    Map<String, JsonNode> explicitNull = finish == null
        ? Map.of("finish_reason", com.fasterxml.jackson.databind.node.NullNode.getInstance())
        : null;
    return new ChatChunk(id, "chat.completion.chunk", created, req.model(),
        List.of(new ChatChunk.ChunkChoice(0, delta, finish, null, explicitNull)), null, null, null);
  }

  private static Usage usage(ChatRequest request, String answer) {
    int prompt = 0;
    for (ChatMessage message : request.messages() == null ? List.<ChatMessage>of() : request.messages()) {
      prompt += 4 + estimateTokens(message.text());
    }
    return Usage.of(prompt, estimateTokens(answer));
  }

  /** About four characters per token; exact counts come from the tokenizer in tollgate-core. */
  static int estimateTokens(String text) {
    return text == null || text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
  }
}
