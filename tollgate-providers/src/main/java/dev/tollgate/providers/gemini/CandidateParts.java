package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parts of one Gemini candidate say, in OpenAI terms: answer text, thought-summary text (parts marked
 * {@code thought: true}, for {@code reasoning_content}) and tool calls ({@code functionCall} parts, with generated
 * ids that carry any thought signature, and the args object written as a JSON string).
 */
record CandidateParts(String text, String reasoning, List<ToolCall> toolCalls) {

  static CandidateParts of(JsonNode candidate) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    boolean sawText = false;
    boolean sawReasoning = false;
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.has("functionCall")) {
        JsonNode call = part.get("functionCall");
        JsonNode args = call.get("args");
        String id = ThoughtSignatures.newCallId(part.path("thoughtSignature").asText(null));
        calls.add(ToolCall.function(id, call.path("name").asText(),
            args == null || args.isNull() ? "{}" : args.toString()));
      } else if (part.has("text")) {
        if (part.path("thought").asBoolean(false)) {
          reasoning.append(part.get("text").asText());
          sawReasoning = true;
        } else {
          text.append(part.get("text").asText());
          sawText = true;
        }
      }
    }
    return new CandidateParts(sawText ? text.toString() : null, sawReasoning ? reasoning.toString() : null,
        List.copyOf(calls));
  }
}
