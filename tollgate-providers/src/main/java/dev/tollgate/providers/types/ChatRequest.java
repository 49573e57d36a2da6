package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI Chat Completions request. Every field OpenAI documents that a gateway acts on is modelled; any other field
 * (provider-specific parameters, LiteLLM extras such as {@code metadata}) is kept in {@link #extra()} and written back
 * unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    // explicit: without it the @JsonIgnore on isStream() hides the whole "stream" property
    @JsonProperty("stream") Boolean stream,
    @JsonProperty("stream_options") JsonNode streamOptions,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    Integer n,
    JsonNode stop,
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
    @JsonProperty("presence_penalty") Double presencePenalty,
    @JsonProperty("frequency_penalty") Double frequencyPenalty,
    Long seed,
    List<Tool> tools,
    @JsonProperty("tool_choice") JsonNode toolChoice,
    @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
    @JsonProperty("response_format") JsonNode responseFormat,
    String user,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ChatRequest {
    messages = messages == null ? null : List.copyOf(messages);
    tools = tools == null ? null : List.copyOf(tools);
    extra = Extras.freeze(extra, "model", model, "messages", messages, "stream", stream, "temperature", temperature,
        "top_p", topP, "n", n, "max_tokens", maxTokens, "max_completion_tokens", maxCompletionTokens,
        "presence_penalty", presencePenalty, "frequency_penalty", frequencyPenalty, "seed", seed, "tools", tools,
        "parallel_tool_calls", parallelToolCalls, "user", user);
  }

  @JsonIgnore
  public boolean isStream() {
    return Boolean.TRUE.equals(stream);
  }

  /** True when {@code stream_options.include_usage} asks for a final usage chunk. */
  @JsonIgnore
  public boolean includeUsageInStream() {
    return streamOptions != null && streamOptions.path("include_usage").asBoolean(false);
  }

  public ChatRequest withModel(String newModel) {
    return toBuilder().model(newModel).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.messages = messages == null ? new ArrayList<>() : new ArrayList<>(messages);
    b.stream = stream;
    b.streamOptions = streamOptions;
    b.temperature = temperature;
    b.topP = topP;
    b.n = n;
    b.stop = stop;
    b.maxTokens = maxTokens;
    b.maxCompletionTokens = maxCompletionTokens;
    b.presencePenalty = presencePenalty;
    b.frequencyPenalty = frequencyPenalty;
    b.seed = seed;
    b.tools = tools == null ? null : new ArrayList<>(tools);
    b.toolChoice = toolChoice;
    b.parallelToolCalls = parallelToolCalls;
    b.responseFormat = responseFormat;
    b.user = user;
    b.extra = Extras.mutable(extra);
    return b;
  }

  /** Builder for {@link ChatRequest}. */
  public static final class Builder {
    private String model;
    private List<ChatMessage> messages = new ArrayList<>();
    private Boolean stream;
    private JsonNode streamOptions;
    private Double temperature;
    private Double topP;
    private Integer n;
    private JsonNode stop;
    private Integer maxTokens;
    private Integer maxCompletionTokens;
    private Double presencePenalty;
    private Double frequencyPenalty;
    private Long seed;
    private List<Tool> tools;
    private JsonNode toolChoice;
    private Boolean parallelToolCalls;
    private JsonNode responseFormat;
    private String user;
    private Map<String, JsonNode> extra = Extras.mutable(null);

    private Builder() {}

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder messages(List<ChatMessage> messages) {
      this.messages = new ArrayList<>(messages);
      return this;
    }

    public Builder addMessage(ChatMessage message) {
      messages.add(message);
      return this;
    }

    public Builder stream(Boolean stream) {
      this.stream = stream;
      return this;
    }

    public Builder streamOptions(JsonNode streamOptions) {
      this.streamOptions = streamOptions;
      return this;
    }

    public Builder temperature(Double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder topP(Double topP) {
      this.topP = topP;
      return this;
    }

    public Builder n(Integer n) {
      this.n = n;
      return this;
    }

    public Builder stop(JsonNode stop) {
      this.stop = stop;
      return this;
    }

    public Builder maxTokens(Integer maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    public Builder maxCompletionTokens(Integer maxCompletionTokens) {
      this.maxCompletionTokens = maxCompletionTokens;
      return this;
    }

    public Builder presencePenalty(Double presencePenalty) {
      this.presencePenalty = presencePenalty;
      return this;
    }

    public Builder frequencyPenalty(Double frequencyPenalty) {
      this.frequencyPenalty = frequencyPenalty;
      return this;
    }

    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder tools(List<Tool> tools) {
      this.tools = tools == null ? null : new ArrayList<>(tools);
      return this;
    }

    public Builder addTool(Tool tool) {
      if (tools == null) {
        tools = new ArrayList<>();
      }
      tools.add(tool);
      return this;
    }

    public Builder toolChoice(JsonNode toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    public Builder parallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    public Builder responseFormat(JsonNode responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** Sets a field Tollgate does not model; it is sent to OpenAI-format upstreams as is. */
    public Builder extra(String field, JsonNode value) {
      extra.put(field, value);
      return this;
    }

    public Builder removeExtra(String field) {
      extra.remove(field);
      return this;
    }

    public ChatRequest build() {
      return new ChatRequest(
          model, messages, stream, streamOptions, temperature, topP, n, stop, maxTokens, maxCompletionTokens,
          presencePenalty, frequencyPenalty, seed, tools, toolChoice, parallelToolCalls, responseFormat, user, extra);
    }
  }
}
