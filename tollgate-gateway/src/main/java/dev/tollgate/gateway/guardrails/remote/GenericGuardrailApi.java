package dev.tollgate.gateway.guardrails.remote;

import dev.tollgate.gateway.guardrails.AsyncGuardrail;
import dev.tollgate.gateway.guardrails.FailurePolicy;
import dev.tollgate.gateway.guardrails.GuardrailCall;
import dev.tollgate.gateway.guardrails.Verdict;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * LiteLLM's {@code generic_guardrail_api}: POSTs the texts and the request's facts to a guardrail service
 * ({@link GenericApiRequest}) over the event loop's pooled keep-alive client and reads its verdict
 * ({@link GenericApiAnswer}). The call is bounded by the guardrail's {@code timeout}; the HTTP status of a failed
 * answer is noted on the run's record.
 */
public final class GenericGuardrailApi implements AsyncGuardrail {
  public static final String ID = "generic_guardrail_api";
  private final GenericApiSettings settings;

  public GenericGuardrailApi(GenericApiSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<Verdict> check(List<String> texts, GuardrailCall call) {
    byte[] body = Json.write(GenericApiRequest.body(settings, texts, call));
    HttpCall http = HttpCall.postJson(settings.url(), settings.headers(), body, settings.timeout());
    return call.services().http().send(http, "guardrail '" + call.guardrail() + "'", null)
        .recover(e -> Future.failedFuture(GenericApiAnswer.failure(e)))
        .map(reply -> {
          if (!reply.isSuccess()) {
            call.details().put("http_status", reply.status());
          }
          return GenericApiAnswer.verdict(reply.status(), reply.body(), texts);
        });
  }

  @Override
  public Duration timeout() {
    return settings.timeout();
  }

  @Override
  public FailurePolicy failures() {
    return settings.failures();
  }

  public GenericApiSettings settings() {
    return settings;
  }
}
