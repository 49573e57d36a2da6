package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.types.Json;

/**
 * OpenAI message content (a string or content parts) as Gemini parts: {@code text}; {@code image_url} and
 * {@code file} as {@code inlineData} (data: URLs, base64 file_data) or {@code fileData} (http(s), gs:// and File API
 * URIs, the media type from {@code format}/{@code mime_type} or the extension); {@code input_audio} as inline audio.
 * Empty text parts are dropped (Gemini rejects them).
 */
final class GeminiParts {
  private final String provider;
  private final String model;

  GeminiParts(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  /** Appends the parts of {@code content} to {@code parts}. */
  void append(JsonNode content, ArrayNode parts) {
    if (content == null || content.isNull()) {
      return;
    }
    if (content.isTextual()) {
      text(content.asText(), parts);
      return;
    }
    if (!content.isArray()) {
      throw bad("message content must be a string or an array of content parts");
    }
    for (JsonNode part : content) {
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> text(part.path("text").asText(""), parts);
        case "image_url" -> {
          JsonNode image = part.get("image_url");
          String url = image == null ? null : image.isTextual() ? image.asText() : image.path("url").asText(null);
          String format = image != null && image.isObject() ? image.path("format").asText(null) : null;
          media(url, format, parts);
        }
        case "file" -> {
          JsonNode file = part.path("file");
          String format = file.path("format").asText(null);
          if (file.hasNonNull("file_data")) {
            String data = file.get("file_data").asText();
            if (data.startsWith("data:")) {
              media(data, format, parts);
            } else {
              inline(format != null ? format : guessFromName(file.path("filename").asText("")), data, parts);
            }
          } else if (file.hasNonNull("file_id")) {
            media(file.get("file_id").asText(), format, parts);
          } else {
            throw bad("a file content part needs file_data or file_id");
          }
        }
        case "input_audio" -> {
          JsonNode audio = part.path("input_audio");
          inline(MediaTypes.audio(audio.path("format").asText("wav")), audio.path("data").asText(""), parts);
        }
        default -> throw bad("content part type '" + type + "' is not supported by " + provider);
      }
    }
  }

  private static void text(String text, ArrayNode parts) {
    if (!text.isEmpty()) {
      parts.addObject().put("text", text);
    }
  }

  private void media(String url, String format, ArrayNode parts) {
    if (url == null || url.isBlank()) {
      throw bad("an image_url part needs a url");
    }
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      String head = comma < 0 ? "" : url.substring(5, comma);
      if (comma < 0 || !head.endsWith(";base64")) {
        throw bad("data: URLs must be base64 encoded (data:<media type>;base64,<data>)");
      }
      String mime = head.substring(0, head.length() - ";base64".length());
      inline(format != null ? format : mime.isEmpty() ? "application/octet-stream" : mime, url.substring(comma + 1),
          parts);
      return;
    }
    String mime = format != null ? format : MediaTypes.fromUrl(url);
    if (mime == null) {
      // Gemini needs a media type; an extensionless URL is most often an image
      mime = "image/jpeg";
    }
    ObjectNode fileData = parts.addObject().putObject("fileData");
    fileData.put("mimeType", mime);
    fileData.put("fileUri", url);
  }

  private static void inline(String mime, String base64, ArrayNode parts) {
    ObjectNode inline = parts.addObject().putObject("inlineData");
    inline.put("mimeType", mime);
    inline.put("data", base64);
  }

  private String guessFromName(String filename) {
    String mime = MediaTypes.fromUrl(filename);
    return mime != null ? mime : "application/pdf";
  }

  private BadRequestException bad(String message) {
    return new BadRequestException(message, provider, model);
  }

  static ObjectNode textPart(String text) {
    return Json.object().put("text", text);
  }
}
