package dev.tollgate.gateway.sso;

/**
 * A sign-in that cannot finish, with a message for the person at the browser (shown on the error page; it names no
 * secret). {@code status} is 400 for a bad or stale callback, 401/403 when the provider or a policy refuses the user,
 * 502 when the provider's token or userinfo endpoint fails.
 */
public final class SsoFailure extends RuntimeException {
  private final int status;
  private final String title;

  public SsoFailure(int status, String title, String message) {
    super(message);
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  static SsoFailure badCallback(String message) {
    return new SsoFailure(400, "This sign-in cannot be finished", message);
  }

  static SsoFailure provider(String message) {
    return new SsoFailure(502, "The identity provider did not answer as expected", message);
  }

  static SsoFailure refused(int status, String message) {
    return new SsoFailure(status, "Sign-in refused", message);
  }
}
