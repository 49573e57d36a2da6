package dev.tollgate.gateway.models;

import dev.tollgate.core.router.Deployment;

import dev.tollgate.gateway.config.DeploymentConfig;

/**
 * One deployment as {@code /model/info} shows it: how it was written, the deployment built from it, and the database
 * row it came from (null for a {@code model_list} entry of the config file).
 */
public record ModelEntry(DeploymentConfig config, Deployment deployment, StoredModel stored) {
  public boolean dbModel() {
    return stored != null;
  }

  public String id() {
    return deployment.id();
  }
}
