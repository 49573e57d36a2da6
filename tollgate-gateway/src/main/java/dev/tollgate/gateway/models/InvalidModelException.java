package dev.tollgate.gateway.models;

/** A model given to the API that Tollgate cannot serve; the message says why (answered as a 400). */
public final class InvalidModelException extends RuntimeException {
  public InvalidModelException(String message) {
    super(message, null, false, false);
  }
}
