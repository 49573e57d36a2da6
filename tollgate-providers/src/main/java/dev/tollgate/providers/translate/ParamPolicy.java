package dev.tollgate.providers.translate;

import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;

/**
 * What to do with a request parameter the provider cannot honour: LiteLLM's rule is a 400
 * {@code UnsupportedParamsError} naming it, unless {@code drop_params} is set, in which case it is silently left out.
 */
public final class ParamPolicy {
  private ParamPolicy() {}

  /**
   * Throws {@link UnsupportedParamsException} for {@code param}, or returns normally when the target drops unsupported
   * parameters (the caller then leaves the parameter out).
   */
  public static void refuse(String param, CallTarget target) {
    if (!target.dropParams()) {
      throw new UnsupportedParamsException(param, target.provider(), target.model());
    }
  }
}
