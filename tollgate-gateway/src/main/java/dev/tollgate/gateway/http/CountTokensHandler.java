package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.providers.anthropic.inbound.MessagesRequestCheck;
import dev.tollgate.providers.anthropic.inbound.MessagesRequests;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code POST /v1/messages/count_tokens}: {@code {model, messages, system, tools}} to {@code {"input_tokens": N}},
 * counted locally with the gateway's {@link TokenCounter} (OpenAI's tokenizers), whatever the model group's
 * deployments are: no upstream call, no spend. The count is an estimate for Claude models, whose tokenizer is not
 * public; tools are counted as their JSON. The key must be allowed the model group, as for a call.
 */
public final class CountTokensHandler implements Handler<RoutingContext> {
  private final Supplier<GatewaySettings> settings;

  public CountTokensHandler(Supplier<GatewaySettings> settings) {
    this.settings = settings;
  }

  @Override
  public void handle(RoutingContext ctx) {
    try {
      ObjectNode body = RequestBodies.object(ctx).deepCopy();
      if (!body.hasNonNull("max_tokens")) {
        body.put("max_tokens", 1); // not part of a count request; the check wants it
      }
      JsonNode tools = body.remove("tools"); // counted as JSON: server tools have no OpenAI form
      MessagesRequestCheck.check(body);
      String requested = body.get("model").asText();
      Routing.group(ctx, settings.get(), requested);
      ChatRequest chat = MessagesRequests.toChat(body);
      long tokens = TokenCounter.countPrompt(chat);
      if (tools != null && tools.isArray() && !tools.isEmpty()) {
        tokens += TokenCounter.countText(requested, Json.writeString(tools));
      }
      ObjectNode reply = Json.object().put("input_tokens", tokens);
      ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(reply)));
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx, e);
    }
  }
}
