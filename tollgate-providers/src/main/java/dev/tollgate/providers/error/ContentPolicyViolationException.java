package dev.tollgate.providers.error;

/** 400 with code {@code content_policy_violation}: the provider's safety system refused the request. */
public class ContentPolicyViolationException extends BadRequestException {
  public ContentPolicyViolationException(String message, String provider, String model) {
    super(message, "content_policy_violation", null, provider, model, null);
  }
}
