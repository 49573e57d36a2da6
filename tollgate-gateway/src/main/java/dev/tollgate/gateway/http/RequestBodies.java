package dev.tollgate.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads and checks request bodies: JSON content type, a JSON object, the fields a request cannot do without, and
 * field types, each failure a 4xx whose message says what to fix.
 */
public final class RequestBodies {
  private RequestBodies() {}

  private static final FieldTypes CHAT_FIELDS = FieldTypes.of(ChatRequest.class);

  /** The chat request, checked and bound. */
  public static ChatRequest chat(RoutingContext ctx) {
    return bindChat(chatBody(ctx));
  }

  /**
   * The chat request body, checked but not bound: model, messages with roles, and the JSON kinds of the fields
   * {@link ChatRequest} models, so that binding it later cannot fail on a top-level field.
   */
  public static ObjectNode chatBody(RoutingContext ctx) {
    ObjectNode body = object(ctx);
    requireModel(body);
    JsonNode messages = body.get("messages");
    if (messages == null || messages.isNull()) {
      throw ApiError.badRequest("'messages' is required: a list of {\"role\": ..., \"content\": ...} objects", "messages");
    }
    if (!messages.isArray()) {
      throw ApiError.badRequest("'messages' must be an array of message objects, got " + kind(messages), "messages");
    }
    if (messages.isEmpty()) {
      throw ApiError.badRequest("'messages' must contain at least one message", "messages");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (!m.isObject()) {
        throw ApiError.badRequest("messages[" + i + "] must be an object, got " + kind(m), "messages");
      }
      if (!m.path("role").isTextual()) {
        throw ApiError.badRequest("messages[" + i + "].role is required (system, user, assistant or tool)", "messages");
      }
    }
    CHAT_FIELDS.check(body);
    return body;
  }

  /** Binds a body from {@link #chatBody}; a nested field of the wrong type is a 400 naming it. */
  public static ChatRequest bindChat(ObjectNode body) {
    return bind(body, ChatRequest.class);
  }

  public static EmbeddingRequest embedding(RoutingContext ctx) {
    ObjectNode body = object(ctx);
    requireModel(body);
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw ApiError.badRequest("'input' is required: a string or an array of strings", "input");
    }
    if (!input.isTextual() && !input.isArray()) {
      throw ApiError.badRequest("'input' must be a string or an array, got " + kind(input), "input");
    }
    return bind(body, EmbeddingRequest.class);
  }

  /** Where the parsed body is kept on the routing context, so that it is parsed once per request. */
  private static final String PARSED = "tollgate.body.json";

  /**
   * The body as a JSON object, or null when it is not one (the handler, calling {@link #object}, answers the error);
   * for stages that only look at a field or two before the handler runs.
   */
  public static ObjectNode peek(RoutingContext ctx) {
    try {
      return object(ctx);
    } catch (ApiError e) {
      return null;
    }
  }

  /** The body as a JSON object, or a 4xx naming what is wrong (content type, empty, not JSON, not an object). */
  public static ObjectNode object(RoutingContext ctx) {
    ObjectNode parsed = ctx.get(PARSED);
    if (parsed != null) {
      return parsed;
    }
    parsed = parse(ctx);
    ctx.put(PARSED, parsed);
    return parsed;
  }

  private static ObjectNode parse(RoutingContext ctx) {
    String type = ctx.request().getHeader("content-type");
    Buffer raw = ctx.body().buffer();
    if (type != null && !isJson(type) && !(isCurlDefault(type) && startsLikeJsonObject(raw))) {
      throw new ApiError(415, "invalid_request_error",
          "Content-Type must be application/json, got '" + type + "' (curl: add -H 'Content-Type: application/json')",
          null);
    }
    if (raw == null || raw.length() == 0) {
      throw ApiError.badRequest("the request body is empty; send a JSON object", null);
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(raw.getBytes());
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("the request body is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", null);
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read: " + e.getMessage(), null);
    }
    if (node == null || !node.isObject()) {
      throw ApiError.badRequest("the request body must be a JSON object, got " + kind(node), null);
    }
    return (ObjectNode) node;
  }

  private static void requireModel(ObjectNode body) {
    JsonNode model = body.get("model");
    if (model == null || model.isNull() || (model.isTextual() && model.asText().isBlank())) {
      throw ApiError.badRequest("'model' is required; GET /v1/models lists the models you can use", "model");
    }
    if (!model.isTextual()) {
      throw ApiError.badRequest("'model' must be a string, got " + kind(model), "model");
    }
  }

  private static <T> T bind(ObjectNode body, Class<T> type) {
    try {
      return Json.MAPPER.treeToValue(body, type);
    } catch (MismatchedInputException e) {
      String field = e.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
      throw ApiError.badRequest("'" + field + "' has the wrong type: expected " + expected, field);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("the request body does not match the API: " + e.getOriginalMessage(), null);
    }
  }

  private static String describe(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static boolean isJson(String contentType) {
    String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mime.equals("application/json") || mime.endsWith("+json");
  }

  /**
   * {@code curl -d} sends {@code application/x-www-form-urlencoded}; LiteLLM reads such a body as JSON, so scripts
   * written for it keep working here when the body is a JSON object (form data never starts with a brace).
   */
  private static boolean isCurlDefault(String contentType) {
    return contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded");
  }

  private static boolean startsLikeJsonObject(Buffer raw) {
    if (raw == null) {
      return false;
    }
    for (int i = 0; i < raw.length(); i++) {
      byte b = raw.getByte(i);
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b == '{';
      }
    }
    return false;
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
