package dev.tollgate.gateway.store;

/** A database failure: cannot connect, cannot migrate, or a query failed. Its message never holds a password. */
public final class DatabaseException extends RuntimeException {
  public DatabaseException(String message, Throwable cause) {
    super(DatabaseUrl.redact(message == null ? "database error" : message), cause);
  }
}
