package dev.tollgate.gateway.limits;

import dev.tollgate.gateway.keys.VirtualKey;

/** A key's own limits; null fields are unlimited. */
public record KeyLimits(Long rpm, Long tpm, Integer maxParallel) {
  public static KeyLimits of(VirtualKey key) {
    if (key == null || (key.rpmLimit() == null && key.tpmLimit() == null && key.maxParallelRequests() == null)) {
      return null;
    }
    return new KeyLimits(key.rpmLimit(), key.tpmLimit(), key.maxParallelRequests());
  }
}
