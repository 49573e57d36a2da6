package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** An OpenAI {@code chat.completion} object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatResponse(
    String id,
    String object,
    Long created,
    String model,
    List<Choice> choices,
    Usage usage,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ChatResponse {
    choices = choices == null ? List.of() : List.copyOf(choices);
    extra = Extras.freeze(extra, "id", id, "object", object, "created", created, "model", model, "usage", usage,
        "system_fingerprint", systemFingerprint);
  }

  /** The first choice's message text, or null. */
  @JsonIgnore
  public String text() {
    return choices.isEmpty() || choices.get(0).message() == null ? null : choices.get(0).message().text();
  }

  public ChatResponse withModel(String newModel) {
    return new ChatResponse(id, object, created, newModel, choices, usage, systemFingerprint, extra);
  }

  /** One completion choice. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Choice(
      Integer index,
      ChatMessage message,
      @JsonProperty("finish_reason") String finishReason,
      JsonNode logprobs,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Choice {
      extra = Extras.freeze(extra, "index", index, "message", message, "finish_reason", finishReason);
    }

    public static Choice of(int index, ChatMessage message, String finishReason) {
      return new Choice(index, message, finishReason, null, null);
    }
  }
}
