package dev.tollgate.gateway.http;

import dev.tollgate.gateway.limits.CountedLimit;
import dev.tollgate.gateway.limits.Decision;
import dev.tollgate.gateway.limits.RateLimiter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies several {@link CountedLimit}s to one request through the {@link RateLimiter}: all are asked at once (one
 * Redis round trip in parallel, or none in memory); the request is admitted when every one admits it. When one
 * refuses, the slots the others took are given back at once (their request count stays counted for this window, as a
 * refused request's does in LiteLLM's limiter). The {@code x-ratelimit-*} headers show the tightest limit: the one
 * with the fewest requests (tokens) left, or the refusing one.
 */
final class RateLimits {
  private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private final RateLimiter limiter;

  RateLimits(RateLimiter limiter) {
    this.limiter = limiter;
  }

  /**
   * Asks for every limit in {@code plan} and hands the {@link Outcome} to {@code then}: at once when the limiter
   * answered synchronously, else on {@code context} (the request's event loop).
   */
  void acquire(List<CountedLimit> plan, long now, Context context, Consumer<Outcome> then) {
    List<Future<Decision>> asked = new ArrayList<>(plan.size());
    boolean done = true;
    for (CountedLimit l : plan) {
      Future<Decision> f = limiter.acquire(l.counter(), l.limits(), now);
      asked.add(f);
      done &= f.isComplete();
    }
    if (done) {
      then.accept(outcome(plan, asked));
      return;
    }
    Future.join(asked).onComplete(ar -> {
      if (context == null || io.vertx.core.Vertx.currentContext() == context) {
        then.accept(outcome(plan, asked));
      } else {
        context.runOnContext(v -> then.accept(outcome(plan, asked)));
      }
    });
  }

  private Outcome outcome(List<CountedLimit> plan, List<Future<Decision>> asked) {
    List<Decision> decisions = new ArrayList<>(plan.size());
    int refused = -1;
    for (int i = 0; i < plan.size(); i++) {
      Future<Decision> f = asked.get(i);
      Decision d = f.succeeded() ? f.result() : null; // a limiter never fails; treat a failure as no decision
      decisions.add(d);
      if (refused < 0 && d != null && !d.allowed()) {
        refused = i;
      }
    }
    Outcome o = new Outcome(plan, decisions, refused);
    if (refused >= 0) {
      o.release(0);
    }
    return o;
  }

  /** The decisions for one request. */
  final class Outcome {
    private final List<CountedLimit> plan;
    private final List<Decision> decisions;
    private final int refused;
    private boolean released;

    Outcome(List<CountedLimit> plan, List<Decision> decisions, int refused) {
      this.plan = plan;
      this.decisions = decisions;
      this.refused = refused;
    }

    boolean allowed() {
      return refused < 0;
    }

    /** Gives back the parallel slots taken and counts the call's tokens (once). */
    void release(long totalTokens) {
      if (released) {
        return;
      }
      released = true;
      long now = System.currentTimeMillis();
      for (int i = 0; i < plan.size(); i++) {
        Decision d = decisions.get(i);
        if (d != null && d.allowed()) {
          CountedLimit l = plan.get(i);
          limiter.release(l.counter(), l.limits(), d, totalTokens, now);
        }
      }
    }

    /** The {@code x-ratelimit-*} headers of the tightest limit and, when refused, LiteLLM's 429 headers. */
    void headers(HttpServerResponse response) {
      int requests = -1;
      int tokens = -1;
      for (int i = 0; i < plan.size(); i++) {
        Decision d = decisions.get(i);
        if (d == null) {
          continue;
        }
        if (plan.get(i).limits().rpm() != null
            && (requests < 0 || d.remainingRequests() < decisions.get(requests).remainingRequests())) {
          requests = i;
        }
        if (plan.get(i).limits().tpm() != null
            && (tokens < 0 || d.remainingTokens() < decisions.get(tokens).remainingTokens())) {
          tokens = i;
        }
      }
      if (refused >= 0) {
        String type = decisions.get(refused).refusedBy();
        if (type.equals("requests") && plan.get(refused).limits().rpm() != null) {
          requests = refused;
        } else if (type.equals("tokens") && plan.get(refused).limits().tpm() != null) {
          tokens = refused;
        }
      }
      if (requests >= 0) {
        response.putHeader("x-ratelimit-limit-requests", Long.toString(plan.get(requests).limits().rpm()));
        response.putHeader("x-ratelimit-remaining-requests",
            Long.toString(Math.max(0, decisions.get(requests).remainingRequests())));
      }
      if (tokens >= 0) {
        response.putHeader("x-ratelimit-limit-tokens", Long.toString(plan.get(tokens).limits().tpm()));
        response.putHeader("x-ratelimit-remaining-tokens",
            Long.toString(Math.max(0, decisions.get(tokens).remainingTokens())));
      }
      if (refused >= 0) {
        Decision d = decisions.get(refused);
        long retryAfter = Math.max(1, (d.resetAtMillis() - System.currentTimeMillis() + 999) / 1000);
        response.putHeader("retry-after", Long.toString(retryAfter));
        response.putHeader("rate_limit_type", d.refusedBy());
        response.putHeader("reset_at", RESET.format(Instant.ofEpochMilli(d.resetAtMillis())));
      }
    }

    /** LiteLLM's 429 for the refusing limit. */
    ApiError error(long now) {
      CountedLimit l = plan.get(refused);
      Decision d = decisions.get(refused);
      return new ApiError(429, "rate_limit_error", "Rate limit exceeded for " + l.descriptor() + ": " + l.value()
          + ". Limit type: " + d.refusedBy() + ". Current limit: " + d.limit() + ", Remaining: " + d.remaining()
          + ". Limit resets at: " + RESET.format(Instant.ofEpochMilli(d.resetAtMillis())), null);
    }
  }
}
