package dev.tollgate.core.router;

/**
 * What happened while routing one request, read by the gateway for the {@code x-litellm-*} headers and the spend row
 * whether the request succeeded or not. Written only by the router, on the thread that runs the request's attempts.
 */
public final class RouteTrace {
  private int attemptedRetries;
  private int attemptedFallbacks;
  private String modelGroup;
  private Deployment lastDeployment;

  /** Retries made within model groups (not counting the first attempt of each group). */
  public int attemptedRetries() {
    return attemptedRetries;
  }

  /** Fallback groups tried. */
  public int attemptedFallbacks() {
    return attemptedFallbacks;
  }

  /** The model group of the last attempt (a fallback group after a fallback); null before the first. */
  public String modelGroup() {
    return modelGroup;
  }

  /** The deployment of the last attempt; null before the first. */
  public Deployment lastDeployment() {
    return lastDeployment;
  }

  public void retried() {
    attemptedRetries++;
  }

  public void fellBack() {
    attemptedFallbacks++;
  }

  public void attempting(String group, Deployment deployment) {
    this.modelGroup = group;
    this.lastDeployment = deployment;
  }
}
