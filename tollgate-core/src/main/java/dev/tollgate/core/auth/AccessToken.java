package dev.tollgate.core.auth;

import java.time.Instant;

/** A bearer token and the moment it stops being valid. */
public record AccessToken(String value, Instant expiresAt) {
  @Override
  public String toString() {
    return "AccessToken[expiresAt=" + expiresAt + "]"; // never the token itself
  }
}
