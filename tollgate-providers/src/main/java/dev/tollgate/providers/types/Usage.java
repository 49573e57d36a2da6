package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Token usage of one call; detail objects ({@code prompt_tokens_details}, ...) pass through in {@code extra}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
    @JsonProperty("prompt_tokens") Integer promptTokens,
    @JsonProperty("completion_tokens") Integer completionTokens,
    @JsonProperty("total_tokens") Integer totalTokens,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public Usage {
    extra = Extras.freeze(extra, "prompt_tokens", promptTokens, "completion_tokens", completionTokens,
        "total_tokens", totalTokens);
  }

  public static Usage of(int prompt, int completion) {
    return new Usage(prompt, completion, prompt + completion, null);
  }
}
