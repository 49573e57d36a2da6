package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds OpenAI {@code chat.completion} objects and the {@code chat.completion.chunk} sequence of a stream, shaped
 * as in the wire-format reference (section 1.3 and 1.4).
 */
final class ChatCompletionBodies {
  static final String SYSTEM_FINGERPRINT = "fp_tollgate_fake";
  static final String SERVICE_TIER = "default";
  private static final int DEFAULT_ARGUMENT_PIECE = 8;

  private ChatCompletionBodies() {}

  /** What the assistant says: either {@code content} or one tool call (then content is null). */
  record Answer(String content, String toolCallId, String toolName, String toolArguments, String finishReason) {
    boolean isToolCall() {
      return toolName != null;
    }

    int completionTokens() {
      return isToolCall()
          ? TokenEstimate.of(toolName) + TokenEstimate.of(toolArguments)
          : TokenEstimate.of(content);
    }
  }

  /** Id, created and model shared by every object of one completion. */
  record Envelope(String id, long created, String model, int promptTokens) {}

  /** The full non-stream {@code chat.completion}. */
  static ObjectNode completion(Envelope env, Answer answer) {
    ObjectNode root = header(env, "chat.completion");
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (answer.isToolCall()) {
      message.putNull("content");
      message.putNull("refusal");
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", answer.toolCallId());
      call.put("type", "function");
      ObjectNode fn = call.putObject("function");
      fn.put("name", answer.toolName());
      fn.put("arguments", answer.toolArguments());
    } else {
      message.put("content", answer.content());
      message.putNull("refusal");
      message.putNull("tool_calls");
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", answer.finishReason());
    root.set("usage", usage(env.promptTokens(), answer.completionTokens(), true));
    root.put("service_tier", SERVICE_TIER);
    root.put("system_fingerprint", SYSTEM_FINGERPRINT);
    return root;
  }

  /**
   * The chunks of a stream, in order, without the {@code [DONE]} terminator: role delta, content (or tool call)
   * deltas, the finish chunk with an empty delta, then the usage chunk when {@code includeUsage}.
   *
   * @param pieces number of content/argument pieces, or 0 for the default split
   */
  static List<ObjectNode> streamChunks(Envelope env, Answer answer, int pieces, boolean includeUsage) {
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode first = Json.object();
    first.put("role", "assistant");
    if (answer.isToolCall()) {
      first.putNull("content");
    } else {
      first.put("content", "");
    }
    out.add(chunk(env, first, null, includeUsage));

    if (answer.isToolCall()) {
      ObjectNode opening = Json.object();
      ObjectNode call = opening.putArray("tool_calls").addObject();
      call.put("index", 0);
      call.put("id", answer.toolCallId());
      call.put("type", "function");
      ObjectNode fn = call.putObject("function");
      fn.put("name", answer.toolName());
      fn.put("arguments", "");
      out.add(chunk(env, opening, null, includeUsage));
      List<String> fragments = pieces > 0
          ? TextSplitter.even(answer.toolArguments(), pieces)
          : TextSplitter.bySize(answer.toolArguments(), DEFAULT_ARGUMENT_PIECE);
      for (String fragment : fragments) {
        ObjectNode delta = Json.object();
        ObjectNode part = delta.putArray("tool_calls").addObject();
        part.put("index", 0);
        part.putObject("function").put("arguments", fragment);
        out.add(chunk(env, delta, null, includeUsage));
      }
    } else {
      List<String> parts = pieces > 0
          ? TextSplitter.even(answer.content(), pieces)
          : TextSplitter.words(answer.content());
      for (String part : parts) {
        ObjectNode delta = Json.object();
        delta.put("content", part);
        out.add(chunk(env, delta, null, includeUsage));
      }
    }

    out.add(chunk(env, Json.object(), answer.finishReason(), includeUsage));

    if (includeUsage) {
      ObjectNode usageChunk = header(env, "chat.completion.chunk");
      usageChunk.put("service_tier", SERVICE_TIER);
      usageChunk.put("system_fingerprint", SYSTEM_FINGERPRINT);
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage(env.promptTokens(), answer.completionTokens(), false));
      out.add(usageChunk);
    }
    return out;
  }

  private static ObjectNode chunk(Envelope env, ObjectNode delta, String finishReason, boolean includeUsage) {
    ObjectNode root = header(env, "chat.completion.chunk");
    root.put("service_tier", SERVICE_TIER);
    root.put("system_fingerprint", SYSTEM_FINGERPRINT);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    if (includeUsage) {
      root.putNull("usage");
    }
    return root;
  }

  private static ObjectNode header(Envelope env, String object) {
    ObjectNode root = Json.object();
    root.put("id", env.id());
    root.put("object", object);
    root.put("created", env.created());
    root.put("model", env.model());
    return root;
  }

  static ObjectNode usage(int prompt, int completion, boolean details) {
    ObjectNode usage = Json.object();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    if (details) {
      ObjectNode p = usage.putObject("prompt_tokens_details");
      p.put("cached_tokens", 0);
      p.put("audio_tokens", 0);
      ObjectNode c = usage.putObject("completion_tokens_details");
      c.put("reasoning_tokens", 0);
      c.put("audio_tokens", 0);
      c.put("accepted_prediction_tokens", 0);
      c.put("rejected_prediction_tokens", 0);
    }
    return usage;
  }
}
