package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * A chat completion through the gateway's own router, for guardrails that ask a model (the LLM judge): the same
 * router, deployments, retries, fallbacks and cooldowns as client calls, without a client key's access rules or a
 * spend row of its own.
 */
public interface ModelCalls {
  /**
   * Asks {@code group} with an OpenAI-format chat body (not streamed); fails with the router's typed error when every
   * attempt failed.
   *
   * @param timeout the deadline for all attempts together
   */
  Future<Reply> complete(String group, ObjectNode body, Duration timeout);

  /**
   * The answer: the first choice's text, the deployment's model that gave it, its tokens and its cost at the
   * gateway's prices (0 when the model has no price).
   */
  record Reply(String text, String model, long promptTokens, long completionTokens, double cost) {}
}
