package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** An OpenAI {@code chat.completion.chunk}: one server-sent event of a streamed completion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatChunk(
    String id,
    String object,
    Long created,
    String model,
    List<ChunkChoice> choices,
    Usage usage,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ChatChunk {
    choices = choices == null ? List.of() : List.copyOf(choices);
    extra = Extras.freeze(extra, "id", id, "object", object, "created", created, "model", model, "usage", usage,
        "system_fingerprint", systemFingerprint);
  }

  /** The text this chunk adds to the first choice, or the empty string. */
  @JsonIgnore
  public String deltaText() {
    if (choices.isEmpty() || choices.get(0).delta() == null) {
      return "";
    }
    String text = choices.get(0).delta().text();
    return text == null ? "" : text;
  }

  public ChatChunk withModel(String newModel) {
    return new ChatChunk(id, object, created, newModel, choices, usage, systemFingerprint, extra);
  }

  /** One choice's delta in a chunk. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChunkChoice(
      Integer index,
      ChatMessage delta,
      @JsonProperty("finish_reason") String finishReason,
      JsonNode logprobs,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public ChunkChoice {
      extra = Extras.freeze(extra, "index", index, "delta", delta, "finish_reason", finishReason);
    }

    public static ChunkChoice of(int index, ChatMessage delta, String finishReason) {
      return new ChunkChoice(index, delta, finishReason, null, null);
    }
  }
}
