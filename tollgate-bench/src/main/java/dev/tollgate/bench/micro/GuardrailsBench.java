package dev.tollgate.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.Guardrail;
import dev.tollgate.gateway.guardrails.GuardrailConfig;
import dev.tollgate.gateway.guardrails.GuardrailMetrics;
import dev.tollgate.gateway.guardrails.GuardrailSet;
import dev.tollgate.gateway.guardrails.RequestGuardrails;
import dev.tollgate.gateway.guardrails.Verdict;
import dev.tollgate.gateway.guardrails.builtin.BuiltInGuardrails;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The offline guardrails on a 2 KB support prompt ({@code guardrail-prompt.txt}: an email and a phone number to
 * mask, plus order numbers, dates, versions, prices, a UUID and a code snippet that must not match), each built as
 * the config loader builds it: {@code pii} (all entities, masking), {@code secrets} (known formats plus entropy),
 * {@code keywords} (10 words, whole-word), {@code injection} (the built-in phrasings), {@code topics} (2 allowed, 1
 * denied), {@code maxInput} (token count), and {@code all} (every one in turn, as a request with all of them does).
 * {@code requestHooks} is the per-request path the chat handler takes with built-ins only: pick the request's
 * guardrails, run {@code injection} pre-call on the request body (a fresh copy each time: a mask edits it), the
 * topics check during the call, and {@code secrets} post-call on a whole reply ({@code chat-reply.json}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class GuardrailsBench {
  List<String> prompt;
  Guardrail pii;
  Guardrail secrets;
  Guardrail keywords;
  Guardrail injection;
  Guardrail topics;
  Guardrail maxInput;
  GuardrailSet requestSet;
  ObjectNode request;
  byte[] reply;

  @Setup(Level.Trial)
  public void setup() {
    prompt = List.of(new String(BenchFixtures.bytes("guardrail-prompt.txt"), StandardCharsets.UTF_8));
    pii = build("tollgate/pii", "{}");
    secrets = build("tollgate/secrets", "{}");
    keywords = build("tollgate/keywords", "{\"keywords\": [\"project zeus\", \"falcon\", \"confidential\", "
        + "\"internal only\", \"password\", \"acme merger\", \"layoffs\", \"codename\", \"blackbird\", \"q3 forecast\"]}");
    injection = build("tollgate/prompt_injection", "{}");
    topics = build("tollgate/topics", "{\"allowed_topics\": {\"orders\": [\"order\", \"refund\", \"parcel\"], "
        + "\"books\": [\"book\", \"isbn\"]}, \"denied_topics\": {\"weapons\": [\"bomb\", \"explosive\"]}}");
    maxInput = build("tollgate/max_input", "{\"max_tokens\": 100000}");
    requestSet = GuardrailConfig.read(List.of(
        entry("{\"guardrail_name\": \"injection\", \"litellm_params\": {\"guardrail\": \"tollgate/prompt_injection\", "
            + "\"mode\": \"pre_call\", \"default_on\": true}}"),
        entry("{\"guardrail_name\": \"topics\", \"litellm_params\": {\"guardrail\": \"tollgate/topics\", "
            + "\"mode\": \"during_call\", \"default_on\": true, \"denied_topics\": {\"weapons\": [\"bomb\"]}}}"),
        entry("{\"guardrail_name\": \"secrets\", \"litellm_params\": {\"guardrail\": \"tollgate/secrets\", "
            + "\"mode\": \"post_call\", \"default_on\": true}}")));
    request = Json.object().put("model", "gpt-4o");
    request.putArray("messages").addObject().put("role", "user").put("content", prompt.get(0));
    reply = BenchFixtures.bytes("chat-reply.json");
  }

  private static JsonNode entry(String json) {
    return Json.tree(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Guardrail build(String id, String params) {
    return BuiltInGuardrails.build(id, (ObjectNode) Json.tree(params.getBytes(StandardCharsets.UTF_8)), id);
  }

  @Benchmark
  public Verdict pii() {
    return pii.check(prompt);
  }

  @Benchmark
  public Verdict secrets() {
    return secrets.check(prompt);
  }

  @Benchmark
  public Verdict keywords() {
    return keywords.check(prompt);
  }

  @Benchmark
  public Verdict injection() {
    return injection.check(prompt);
  }

  @Benchmark
  public Verdict topics() {
    return topics.check(prompt);
  }

  @Benchmark
  public Verdict maxInput() {
    return maxInput.check(prompt);
  }

  @Benchmark
  public byte[] requestHooks() {
    ObjectNode body = request.deepCopy();
    RequestGuardrails guards = RequestGuardrails.of(requestSet, body, null, null, null, GuardrailMetrics.NONE);
    guards.preCall(body);
    guards.duringCall();
    return guards.postCall(reply);
  }

  @Benchmark
  public int all() {
    int blocked = 0;
    for (Guardrail g : new Guardrail[] {injection, maxInput, topics, keywords, secrets, pii}) {
      if (g.check(prompt) instanceof Verdict.Blocked) {
        blocked++;
      }
    }
    return blocked;
  }
}
