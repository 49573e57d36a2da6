package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One chat message (also used as a stream delta). {@code content} is kept as JSON because OpenAI allows a string,
 * an array of content parts, or null; {@link #text()} reads it as plain text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(
    String role,
    JsonNode content,
    String name,
    @JsonProperty("tool_calls") List<ToolCall> toolCalls,
    @JsonProperty("tool_call_id") String toolCallId,
    String refusal,
    @JsonProperty("reasoning_content") String reasoningContent,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ChatMessage {
    toolCalls = toolCalls == null ? null : List.copyOf(toolCalls);
    extra = Extras.freeze(extra, "role", role, "name", name, "tool_calls", toolCalls, "tool_call_id", toolCallId,
        "refusal", refusal, "reasoning_content", reasoningContent);
  }

  public static ChatMessage system(String text) {
    return builder().role("system").content(text).build();
  }

  public static ChatMessage user(String text) {
    return builder().role("user").content(text).build();
  }

  public static ChatMessage assistant(String text) {
    return builder().role("assistant").content(text).build();
  }

  public static ChatMessage tool(String toolCallId, String text) {
    return builder().role("tool").toolCallId(toolCallId).content(text).build();
  }

  /** The text of the content: a string as is, or the {@code text} parts of a part array joined. */
  @JsonIgnore
  public String text() {
    if (content == null || content.isNull()) {
      return null;
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        if ("text".equals(part.path("type").asText()) && part.has("text")) {
          out.append(part.get("text").asText());
        }
      }
    }
    return out.toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.role = role;
    b.content = content;
    b.name = name;
    b.toolCalls = toolCalls == null ? null : new ArrayList<>(toolCalls);
    b.toolCallId = toolCallId;
    b.refusal = refusal;
    b.reasoningContent = reasoningContent;
    b.extra = Extras.mutable(extra);
    return b;
  }

  /** Builder for {@link ChatMessage}. */
  public static final class Builder {
    private String role;
    private JsonNode content;
    private String name;
    private List<ToolCall> toolCalls;
    private String toolCallId;
    private String refusal;
    private String reasoningContent;
    private Map<String, JsonNode> extra = Extras.mutable(null);

    private Builder() {}

    public Builder role(String role) {
      this.role = role;
      return this;
    }

    public Builder content(String text) {
      this.content = text == null ? null : TextNode.valueOf(text);
      return this;
    }

    public Builder content(JsonNode content) {
      this.content = content;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder toolCalls(List<ToolCall> toolCalls) {
      this.toolCalls = toolCalls == null ? null : new ArrayList<>(toolCalls);
      return this;
    }

    public Builder addToolCall(ToolCall call) {
      if (toolCalls == null) {
        toolCalls = new ArrayList<>();
      }
      toolCalls.add(call);
      return this;
    }

    public Builder toolCallId(String toolCallId) {
      this.toolCallId = toolCallId;
      return this;
    }

    public Builder refusal(String refusal) {
      this.refusal = refusal;
      return this;
    }

    public Builder reasoningContent(String reasoningContent) {
      this.reasoningContent = reasoningContent;
      return this;
    }

    public Builder extra(String field, JsonNode value) {
      extra.put(field, value);
      return this;
    }

    public ChatMessage build() {
      return new ChatMessage(role, content, name, toolCalls, toolCallId, refusal, reasoningContent, extra);
    }
  }
}
