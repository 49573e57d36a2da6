package dev.tollgate.gateway.models;

import dev.tollgate.core.router.Deployment;

import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.Provider;

/**
 * Where one request goes: the deployment, the provider adapter ({@code null} for the built-in mock provider) and the
 * fully resolved call target.
 */
public record Route(Deployment deployment, Provider provider, CallTarget target) {
  public boolean isMock() {
    return provider == null;
  }

  public String providerName() {
    return target.provider();
  }
}
