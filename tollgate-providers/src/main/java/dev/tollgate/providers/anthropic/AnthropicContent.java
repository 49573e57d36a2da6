package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * OpenAI content parts as Anthropic content blocks: {@code text} to text blocks, {@code image_url} to {@code image}
 * blocks (a {@code data:} URL as a base64 source, an http(s) URL as a url source), PDFs ({@code file} parts, PDF data
 * URLs, {@code .pdf} links) to {@code document} blocks. {@code cache_control} on a part is kept. Parts already in
 * Anthropic's shape ({@code image} with a {@code source}, {@code document}, ...) pass through unchanged.
 */
final class AnthropicContent {
  /** The Files API beta a {@code file_id} reference needs. */
  static final String FILES_BETA = "files-api-2025-04-14";
  private static final Set<String> NATIVE_BLOCKS = Set.of(
      "image", "document", "search_result", "tool_result", "tool_use", "thinking", "redacted_thinking",
      "server_tool_use", "web_search_tool_result", "container_upload");

  private final String model;
  private boolean usesFiles;

  AnthropicContent(String model) {
    this.model = model;
  }

  /** True once a part referenced an uploaded file, so the request needs {@link #FILES_BETA}. */
  boolean usesFiles() {
    return usesFiles;
  }

  /** The blocks of an OpenAI {@code content}: a string (one text block, none when empty) or an array of parts. */
  ArrayNode blocks(JsonNode content, String where) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (content == null || content.isNull() || content.isMissingNode()) {
      return out;
    }
    if (content.isTextual()) {
      if (!content.asText().isEmpty()) {
        out.addObject().put("type", "text").put("text", content.asText());
      }
      return out;
    }
    if (!content.isArray()) {
      throw bad(where + ".content must be a string or an array of content parts");
    }
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      ObjectNode block = block(part, where + ".content[" + i + "]");
      if (block != null) {
        out.add(block);
      }
    }
    return out;
  }

  private ObjectNode block(JsonNode part, String where) {
    if (part.isTextual()) {
      return part.asText().isEmpty() ? null : Json.object().put("type", "text").put("text", part.asText());
    }
    String type = part.path("type").asText("");
    ObjectNode block = switch (type) {
      case "text" -> {
        String text = part.path("text").asText("");
        yield text.isEmpty() ? null : Json.object().put("type", "text").put("text", text);
      }
      case "image_url" -> fromUrl(urlOf(part.get("image_url"), where), where);
      case "file" -> fromFile(part.path("file"), where);
      case "input_audio" -> throw bad("anthropic does not accept audio input (" + where + ")");
      case "refusal" -> null; // an assistant's earlier refusal carries no content to send back
      default -> {
        if (NATIVE_BLOCKS.contains(type)) {
          yield ((ObjectNode) part).deepCopy();
        }
        throw bad("unsupported content part type '" + type + "' at " + where);
      }
    };
    if (block != null && part.has("cache_control") && !block.has("cache_control")) {
      block.set("cache_control", part.get("cache_control"));
    }
    return block;
  }

  private static String urlOf(JsonNode imageUrl, String where) {
    if (imageUrl != null && imageUrl.isTextual()) {
      return imageUrl.asText();
    }
    if (imageUrl != null && imageUrl.path("url").isTextual()) {
      return imageUrl.get("url").asText();
    }
    throw new BadRequestException(where + ".image_url.url is required", AnthropicProvider.NAME, null);
  }

  /** An image or PDF given by URL: a {@code data:} URL becomes a base64 source, an http(s) URL a url source. */
  private ObjectNode fromUrl(String url, String where) {
    if (url.startsWith("data:")) {
      DataUrl data = DataUrl.parse(url, where);
      return fromData(data, null, where);
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      boolean pdf = pathOf(lower).endsWith(".pdf");
      ObjectNode block = Json.object().put("type", pdf ? "document" : "image");
      block.putObject("source").put("type", "url").put("url", url);
      return block;
    }
    throw bad("image_url at " + where + " must be an http(s) URL or a data: URL");
  }

  /** An OpenAI {@code file} part: inline {@code file_data} (a data URL) or an uploaded {@code file_id}. */
  private ObjectNode fromFile(JsonNode file, String where) {
    String filename = file.path("filename").isTextual() ? file.get("filename").asText() : null;
    if (file.path("file_data").isTextual()) {
      String data = file.get("file_data").asText();
      if (!data.startsWith("data:")) {
        String format = file.path("format").asText("application/pdf");
        data = "data:" + format + ";base64," + data;
      }
      return fromData(DataUrl.parse(data, where), filename, where);
    }
    if (file.path("file_id").isTextual()) {
      usesFiles = true;
      ObjectNode block = Json.object().put("type", "document");
      block.putObject("source").put("type", "file").put("file_id", file.get("file_id").asText());
      if (filename != null) {
        block.put("title", filename);
      }
      return block;
    }
    throw bad(where + ".file needs file_data or file_id");
  }

  private ObjectNode fromData(DataUrl data, String title, String where) {
    ObjectNode block;
    if (data.mediaType().equals("application/pdf")) {
      block = Json.object().put("type", "document");
      block.putObject("source").put("type", "base64").put("media_type", "application/pdf").put("data", data.data());
    } else if (data.mediaType().equals("text/plain")) {
      String text = data.base64()
          ? new String(Base64.getMimeDecoder().decode(data.data()), StandardCharsets.UTF_8)
          : data.data();
      block = Json.object().put("type", "document");
      block.putObject("source").put("type", "text").put("media_type", "text/plain").put("data", text);
    } else if (data.mediaType().startsWith("image/")) {
      block = Json.object().put("type", "image");
      block.putObject("source").put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
      return block;
    } else {
      throw bad("anthropic does not accept " + data.mediaType() + " content (" + where + ")");
    }
    if (title != null) {
      block.put("title", title);
    }
    return block;
  }

  private static String pathOf(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', '#'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return url.substring(0, cut);
  }

  private BadRequestException bad(String message) {
    return new BadRequestException(message, AnthropicProvider.NAME, model);
  }

  /** A parsed {@code data:[<media type>][;base64],<data>} URL. */
  record DataUrl(String mediaType, boolean base64, String data) {
    static DataUrl parse(String url, String where) {
      int comma = url.indexOf(',');
      if (!url.startsWith("data:") || comma < 0) {
        throw new BadRequestException("malformed data: URL at " + where, AnthropicProvider.NAME, null);
      }
      String meta = url.substring("data:".length(), comma);
      boolean base64 = meta.endsWith(";base64");
      String type = base64 ? meta.substring(0, meta.length() - ";base64".length()) : meta;
      int semicolon = type.indexOf(';');
      if (semicolon >= 0) {
        type = type.substring(0, semicolon);
      }
      type = type.isBlank() ? "text/plain" : type.strip().toLowerCase(Locale.ROOT);
      if (type.equals("image/jpg")) {
        type = "image/jpeg";
      }
      return new DataUrl(type, base64, url.substring(comma + 1));
    }
  }
}
