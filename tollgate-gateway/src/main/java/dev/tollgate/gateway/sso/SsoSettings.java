package dev.tollgate.gateway.sso;

/**
 * Single sign-on for the dashboard, as configured by LiteLLM's environment variables ({@link SsoSettingsReader}). Off
 * ({@link #OFF}) unless one of {@code GOOGLE_CLIENT_ID}, {@code MICROSOFT_CLIENT_ID} or {@code GENERIC_CLIENT_ID} is
 * set; then the {@code /sso/*} routes sign users in.
 *
 * @param provider the OAuth client, or null when SSO is off
 * @param proxyBaseUrl {@code PROXY_BASE_URL}: the gateway's public URL, from which the redirect URI
 *     {@code <base>/sso/callback} is made; null: taken from the request
 * @param logoutUrl {@code PROXY_LOGOUT_URL}: where the dashboard goes after logging out, or null
 * @param autoRedirect {@code AUTO_REDIRECT_UI_LOGIN_TO_SSO}: the login page goes straight to the provider
 */
public record SsoSettings(SsoProvider provider, SsoPolicy policy, String proxyBaseUrl, String logoutUrl,
    boolean autoRedirect) {
  public static final SsoSettings OFF = new SsoSettings(null, null, null, null, false);

  public SsoSettings {
    policy = policy == null ? new SsoPolicy(null, null, false, null, null, null, null) : policy;
  }

  public boolean configured() {
    return provider != null;
  }
}
