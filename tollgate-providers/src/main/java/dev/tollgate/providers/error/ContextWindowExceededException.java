package dev.tollgate.providers.error;

/** 400 with code {@code context_length_exceeded}: the prompt does not fit the model's context window. */
public class ContextWindowExceededException extends BadRequestException {
  public ContextWindowExceededException(String message, String provider, String model) {
    super(message, "context_length_exceeded", "messages", provider, model, null);
  }
}
