package dev.tollgate.providers.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;

/** Deployment-level parameters ({@code litellm_params} such as temperature) act as defaults the request overrides. */
public final class RequestDefaults {
  private RequestDefaults() {}

  /** Sets each of the target's params on {@code body} where the body has no value; returns the body. */
  public static ObjectNode apply(ObjectNode body, CallTarget target) {
    target.params().forEach((name, value) -> {
      if (!body.has(name)) {
        body.set(name, value);
      }
    });
    return body;
  }
}
