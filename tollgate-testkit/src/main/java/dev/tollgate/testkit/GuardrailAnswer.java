package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the {@link FakeGuardrailService} answers to one call, in the wire format of LiteLLM's Generic Guardrail API
 * ({@code {"action": "NONE" | "BLOCKED" | "GUARDRAIL_INTERVENED", "blocked_reason", "texts"}}), or a failure: an
 * error status, a body that is not a verdict, a wait before answering. Immutable.
 */
public final class GuardrailAnswer {
  private final int status;
  private final Function<JsonNode, byte[]> body;
  private final Duration delay;
  private final CompletionStage<?> release;

  private GuardrailAnswer(int status, Function<JsonNode, byte[]> body, Duration delay) {
    this(status, body, delay, null);
  }

  private GuardrailAnswer(int status, Function<JsonNode, byte[]> body, Duration delay, CompletionStage<?> release) {
    this.status = status;
    this.body = body;
    this.delay = delay;
    this.release = release;
  }

  /** {@code {"action": "NONE"}}: the texts pass. */
  public static GuardrailAnswer pass() {
    return json("{\"action\": \"NONE\"}");
  }

  /** {@code {"action": "BLOCKED", "blocked_reason": reason}}. */
  public static GuardrailAnswer block(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new GuardrailAnswer(200, request -> {
      ObjectNode out = Json.object().put("action", "BLOCKED").put("blocked_reason", reason);
      return Json.write(out);
    }, Duration.ZERO);
  }

  /**
   * {@code {"action": "GUARDRAIL_INTERVENED", "texts": [...]}}: each text sent, with every match of {@code regex}
   * replaced by {@code replacement}.
   */
  public static GuardrailAnswer mask(String regex, String replacement) {
    Pattern pattern = Pattern.compile(regex);
    return new GuardrailAnswer(200, request -> {
      ObjectNode out = Json.object().put("action", "GUARDRAIL_INTERVENED");
      ArrayNode texts = out.putArray("texts");
      request.path("texts").forEach(t -> texts.add(pattern.matcher(t.asText()).replaceAll(replacement)));
      return Json.write(out);
    }, Duration.ZERO);
  }

  /** A 200 whose body is {@code body} exactly (a verdict from a fixture file, or garbage). */
  public static GuardrailAnswer json(String body) {
    byte[] bytes = Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
    return new GuardrailAnswer(200, request -> bytes, Duration.ZERO);
  }

  /** An answer with {@code status} and {@code body} (e.g. a 500). */
  public static GuardrailAnswer status(int status, String body) {
    byte[] bytes = Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
    return new GuardrailAnswer(status, request -> bytes, Duration.ZERO);
  }

  /** This answer after {@code delay} (for timeouts). */
  public GuardrailAnswer delayed(Duration delay) {
    return new GuardrailAnswer(status, body, Objects.requireNonNull(delay, "delay"), release);
  }

  /**
   * This answer only once {@code release} completes: a test can see what happens while a verdict is outstanding
   * (the model call going out beside it, the response not waiting for it) without timing anything.
   */
  public GuardrailAnswer heldUntil(CompletionStage<?> release) {
    return new GuardrailAnswer(status, body, delay, Objects.requireNonNull(release, "release"));
  }

  CompletionStage<?> release() {
    return release;
  }

  int statusCode() {
    return status;
  }

  byte[] body(JsonNode request) {
    return body.apply(request);
  }

  Duration delay() {
    return delay;
  }
}
