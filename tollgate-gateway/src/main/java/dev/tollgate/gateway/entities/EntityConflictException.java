package dev.tollgate.gateway.entities;

/** A create whose id is taken (LiteLLM answers 400 with "... already exists"). */
public final class EntityConflictException extends RuntimeException {
  private final String param;

  public EntityConflictException(String message, String param) {
    super(message, null, false, false);
    this.param = param;
  }

  public String param() {
    return param;
  }
}
