package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;

/**
 * Bedrock's error replies: a JSON body {@code {"message": ...}} and the exception name in the
 * {@code x-amzn-ErrorType} header ({@code ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/}).
 */
public final class BedrockError {
  private static final String NAMESPACE = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

  private BedrockError() {}

  /** {@code {"message": message}}. */
  public static String body(String message) {
    ObjectNode root = Json.object();
    root.put("message", message);
    return Json.writeString(root);
  }

  /** The {@code x-amzn-ErrorType} value for an exception name. */
  public static String typeHeader(String exception) {
    return exception + NAMESPACE;
  }

  /** A scripted Bedrock error, e.g. {@code behavior(429, "ThrottlingException", "Too many requests, ...")}. */
  public static Behavior behavior(int status, String exception, String message) {
    return Behavior.error(status, body(message)).withHeader("x-amzn-ErrorType", typeHeader(exception));
  }

  /** ThrottlingException, 429, with Bedrock's message. */
  public static Behavior throttling() {
    return behavior(429, "ThrottlingException", "Too many requests, please wait before trying again.");
  }

  /** Marker headers that script a stream exception; the fake reads and removes them, they are never sent. */
  static final String EXCEPTION_TYPE = "x-tollgate-fake-bedrock-exception";
  static final String EXCEPTION_AFTER = "x-tollgate-fake-bedrock-exception-after";
  static final String EXCEPTION_MESSAGE = "x-tollgate-fake-bedrock-exception-message";

  /**
   * {@code base} streamed by ConverseStream, but after {@code events} events an exception frame
   * ({@code :message-type exception}, {@code :exception-type} e.g. {@code throttlingException} or
   * {@code modelStreamErrorException}) ends the stream, as Bedrock reports failures after HTTP 200.
   */
  public static Behavior midStream(Behavior base, int events, String exceptionType, String message) {
    return base.withHeader(EXCEPTION_TYPE, exceptionType).withHeader(EXCEPTION_AFTER, Integer.toString(events))
        .withHeader(EXCEPTION_MESSAGE, message);
  }
}
