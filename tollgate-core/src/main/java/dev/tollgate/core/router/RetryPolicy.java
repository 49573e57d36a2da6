package dev.tollgate.core.router;

import java.util.Map;

/**
 * How many times a model group is retried after an error, and which errors are retried at all, as LiteLLM decides it.
 *
 * <p>The count comes from the first that is set: the request's {@code num_retries}, the failing deployment's
 * {@code num_retries}, {@code model_group_retry_policy[group][<Kind>Retries]}, {@code retry_policy[<Kind>Retries]},
 * then the router's {@code num_retries}. Some errors are never retried whatever the count: a missing model
 * ({@code NotFoundError}), a malformed request (400/422, unsupported parameters, permission denied), and context-window
 * or content-policy errors (those go to their own fallbacks instead). An authentication error is retried only when the
 * group still has a deployment this request has not tried, since the same key fails the same way.
 */
final class RetryPolicy {
  private final RouterOptions options;

  RetryPolicy(RouterOptions options) {
    this.options = options;
  }

  /** Retries allowed in {@code group} after an error of {@code kind} from {@code deployment}. */
  int retriesFor(RouteRequest request, String group, Deployment deployment, ErrorKind kind) {
    if (request.numRetries() != null) {
      return Math.max(0, request.numRetries());
    }
    Integer own = deployment == null ? null : deployment.routing().numRetries();
    if (own != null) {
      return Math.max(0, own);
    }
    Map<String, Integer> groupPolicy = options.modelGroupRetryPolicy().get(group);
    if (groupPolicy != null && groupPolicy.get(kind.retriesKey()) != null) {
      return Math.max(0, groupPolicy.get(kind.retriesKey()));
    }
    Integer byKind = options.retryPolicy().get(kind.retriesKey());
    if (byKind != null) {
      return Math.max(0, byKind);
    }
    return Math.max(0, options.numRetries());
  }

  /**
   * Whether an error of {@code kind} may be retried within its group at all.
   *
   * @param untriedLeft whether the group has a deployment this request has not tried yet
   */
  boolean mayRetry(ErrorKind kind, boolean untriedLeft) {
    return switch (kind) {
      case NOT_FOUND, BAD_REQUEST, UNPROCESSABLE_ENTITY, PERMISSION_DENIED, CONTEXT_WINDOW_EXCEEDED,
          CONTENT_POLICY_VIOLATION -> false;
      case AUTHENTICATION -> untriedLeft;
      default -> true;
    };
  }
}
