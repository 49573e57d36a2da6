package dev.tollgate.core;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.Provider;

/**
 * Where one call goes once its model is resolved: the deployment it came from (null for a plain
 * {@code provider/model} call), the provider adapter (null for the built-in mock provider) and the call target with
 * credentials and endpoint filled in from config and environment.
 */
public record ResolvedTarget(Deployment deployment, Provider provider, CallTarget target) {

  public boolean isMock() {
    return provider == null;
  }

  /** This target with another timeout (the router's per-attempt timeout); unchanged when {@code timeout} is null. */
  public ResolvedTarget withTimeout(java.time.Duration timeout) {
    return timeout == null ? this : new ResolvedTarget(deployment, provider, target.withTimeout(timeout));
  }
}
