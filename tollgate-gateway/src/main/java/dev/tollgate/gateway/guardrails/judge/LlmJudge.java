package dev.tollgate.gateway.guardrails.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.AsyncGuardrail;
import dev.tollgate.gateway.guardrails.FailurePolicy;
import dev.tollgate.gateway.guardrails.GuardrailCall;
import dev.tollgate.gateway.guardrails.GuardrailFailure;
import dev.tollgate.gateway.guardrails.ModelCalls;
import dev.tollgate.gateway.guardrails.Verdict;
import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.TimeoutException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Tollgate's {@code tollgate/llm_judge}: asks a model group, through the gateway's own router (so its retries,
 * fallbacks and cooldowns apply), whether the texts comply with a policy ({@link JudgePrompt}), and reads the verdict
 * ({@link JudgeVerdict}). A block names {@value #ENTITY} and the judge's reason. The judge's model, tokens and cost
 * are noted on the run's record ({@code judge_model}, {@code judge_prompt_tokens}, {@code judge_completion_tokens},
 * {@code judge_cost}); the call has no spend row of its own. A router failure after every retry and fallback, or an
 * answer that holds no verdict, is a {@link GuardrailFailure} (timeouts, unreachable deployments and 502/503/504 as
 * unreachable).
 */
public final class LlmJudge implements AsyncGuardrail {
  public static final String ID = "tollgate/llm_judge";
  public static final String ENTITY = "LLM_JUDGE";
  private final JudgeSettings settings;

  public LlmJudge(JudgeSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<Verdict> check(List<String> texts, GuardrailCall call) {
    ObjectNode body = JudgePrompt.body(settings, texts, call.inputType());
    call.details().put("judge_model_group", settings.group());
    return call.services().models().complete(settings.group(), body, settings.timeout())
        .recover(e -> Future.failedFuture(failure(e)))
        .map(reply -> {
          note(call.details(), reply);
          JudgeVerdict.Decision decision = JudgeVerdict.parse(reply.text());
          if (decision == null) {
            throw GuardrailFailure.error("the judge model's answer holds no verdict");
          }
          return decision.allowed() ? Verdict.PASS : new Verdict.Blocked(List.of(ENTITY), decision.reason());
        });
  }

  private static void note(ObjectNode details, ModelCalls.Reply reply) {
    details.put("judge_model", reply.model());
    details.put("judge_prompt_tokens", reply.promptTokens());
    details.put("judge_completion_tokens", reply.completionTokens());
    details.put("judge_cost", reply.cost());
  }

  static GuardrailFailure failure(Throwable error) {
    Throwable cause = error;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof GuardrailFailure f) {
      return f;
    }
    if (cause instanceof TimeoutException) {
      return GuardrailFailure.timeout("the judge model did not answer in time");
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof APIConnectionException
        || cause instanceof ProviderException p && (p.status() == 502 || p.status() == 503 || p.status() == 504)) {
      return GuardrailFailure.unreachable("the judge model could not be reached: " + detail);
    }
    return GuardrailFailure.error("the judge model call failed: " + detail);
  }

  @Override
  public Duration timeout() {
    return settings.timeout();
  }

  @Override
  public FailurePolicy failures() {
    return settings.failures();
  }

  /** A judge allows or blocks; it never masks. */
  @Override
  public boolean mayMask() {
    return false;
  }

  public JudgeSettings settings() {
    return settings;
  }
}
