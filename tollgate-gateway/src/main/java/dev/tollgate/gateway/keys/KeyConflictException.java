package dev.tollgate.gateway.keys;

/** A key would clash with an existing one: its alias or its value is taken. */
public final class KeyConflictException extends RuntimeException {
  public KeyConflictException(String message) {
    super(message, null, false, false);
  }
}
