package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI content parts to Converse content blocks: {@code text} to {@code {text}}, {@code image_url} data URLs to
 * {@code {image: {format, source: {bytes}}}}, {@code file} data URLs to {@code {document: {format, name, source}}}.
 * Converse takes image bytes or S3 locations only, so an http(s) image URL is an unsupported parameter (dropped with
 * {@code drop_params}); so are audio parts and uploaded-file ids. Blank text is left out: Bedrock rejects it. A
 * part's {@code cache_control} becomes a {@code cachePoint} after it.
 */
final class ConverseContent {
  private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");
  private static final Map<String, String> DOCUMENT_FORMATS = Map.ofEntries(
      Map.entry("application/pdf", "pdf"), Map.entry("text/csv", "csv"), Map.entry("application/msword", "doc"),
      Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
      Map.entry("application/vnd.ms-excel", "xls"),
      Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
      Map.entry("text/html", "html"), Map.entry("text/plain", "txt"), Map.entry("text/markdown", "md"));

  private final String model;
  private final boolean dropParams;

  ConverseContent(String model, boolean dropParams) {
    this.model = model;
    this.dropParams = dropParams;
  }

  /** Appends the blocks for a message's content (a string, an array of parts, or null) to {@code blocks}. */
  void append(JsonNode content, ArrayNode blocks) {
    if (content == null || content.isNull()) {
      return;
    }
    if (content.isTextual()) {
      text(content.asText(), blocks);
      return;
    }
    if (!content.isArray()) {
      throw new BadRequestException("message content must be a string or an array of parts", BedrockSettings.PROVIDER,
          model);
    }
    for (JsonNode part : content) {
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> text(part.path("text").asText(""), blocks);
        case "image_url" -> image(part.path("image_url"), blocks);
        case "file" -> document(part.path("file"), blocks);
        default -> unsupported(type.isEmpty() ? "content" : type);
      }
      cachePoint(part, blocks);
    }
  }

  /**
   * Anthropic-style {@code cache_control} on a part or message (as LiteLLM accepts it) becomes a Converse
   * {@code cachePoint} block after the content it closes.
   */
  static void cachePoint(JsonNode carrier, ArrayNode blocks) {
    if (carrier != null && carrier.hasNonNull("cache_control") && !blocks.isEmpty()) {
      blocks.addObject().putObject("cachePoint").put("type", "default");
    }
  }

  /** The text of a content value: a string, or its text parts joined. */
  static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      if ("text".equals(part.path("type").asText())) {
        out.append(part.path("text").asText(""));
      }
    }
    return out.toString();
  }

  private static void text(String text, ArrayNode blocks) {
    if (!text.isBlank()) {
      blocks.addObject().put("text", text);
    }
  }

  private void image(JsonNode imageUrl, ArrayNode blocks) {
    String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
    DataUrl data = DataUrl.parse(url);
    if (data == null) {
      if (!dropParams) {
        throw new UnsupportedParamsException("image_url", "bedrock takes images as data: URLs only (Converse has no"
            + " image URLs); send the image as data:<mime>;base64,<data>, or set drop_params: true to drop it",
            BedrockSettings.PROVIDER, model);
      }
      return;
    }
    String format = data.subtype().equals("jpg") ? "jpeg" : data.subtype();
    if (!IMAGE_FORMATS.contains(format)) {
      throw new BadRequestException("bedrock images must be png, jpeg, gif or webp, got " + data.mediaType(),
          BedrockSettings.PROVIDER, model);
    }
    ObjectNode image = blocks.addObject().putObject("image");
    image.put("format", format);
    image.putObject("source").put("bytes", data.base64());
  }

  private void document(JsonNode file, ArrayNode blocks) {
    DataUrl data = DataUrl.parse(file.path("file_data").asText(null));
    if (data == null) {
      unsupported(file.has("file_id") ? "file_id" : "file");
      return;
    }
    String format = DOCUMENT_FORMATS.get(data.mediaType());
    if (format == null) {
      throw new BadRequestException("bedrock documents must be pdf, csv, doc, docx, xls, xlsx, html, txt or md, got "
          + data.mediaType(), BedrockSettings.PROVIDER, model);
    }
    ObjectNode document = blocks.addObject().putObject("document");
    document.put("format", format);
    document.put("name", documentName(file.path("filename").asText(""), blocks.size()));
    document.putObject("source").put("bytes", data.base64());
  }

  /**
   * A document name Bedrock accepts (letters, digits, single spaces, hyphens, parentheses, square brackets): the file
   * name without its extension, other characters turned into spaces.
   */
  static String documentName(String filename, int position) {
    String base = filename.contains(".") ? filename.substring(0, filename.lastIndexOf('.')) : filename;
    String name = base.replaceAll("[^A-Za-z0-9\\-()\\[\\] ]", " ").replaceAll("\\s+", " ").trim();
    return name.isEmpty() ? "document-" + position : name;
  }

  private void unsupported(String param) {
    if (!dropParams) {
      throw new UnsupportedParamsException(param, BedrockSettings.PROVIDER, model);
    }
  }

  static ArrayNode newBlocks() {
    return Json.MAPPER.createArrayNode();
  }
}
