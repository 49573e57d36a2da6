// Single sign-on: whether the gateway offers it, picking up the session a login issued, and ending it.
import {api, ApiError, messageOf} from './api.js';
import {session} from './session.js';

/** Where the "Sign in with SSO" link goes (LiteLLM's route; the gateway redirects to the identity provider). */
export const SSO_START = '/sso/key/generate';

/** LiteLLM's public UI config: {sso_configured, auto_redirect_to_sso, ...}; SSO off when it cannot be read. */
export async function uiConfig() {
  try {
    const response = await fetch('/.well-known/litellm-ui-config', {cache: 'no-store'});
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}

/**
 * Reads the session key the login just issued: the gateway hands it over once, from an HttpOnly cookie, so it is
 * never in a URL. Resolves to {key, user_id, expires}.
 */
export async function pickUpSession() {
  let response;
  try {
    response = await fetch('/sso/session', {method: 'POST', cache: 'no-store', credentials: 'same-origin'});
  } catch (e) {
    throw new ApiError(0, `Could not reach the gateway: ${e.message}`, 'network_error');
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok || !data?.key) {
    throw new ApiError(response.status, messageOf(response.status, data, text), data?.error?.type);
  }
  return data;
}

/**
 * Ends an SSO session on the gateway (its session key is deleted, so it stops working at once); resolves to the
 * configured logout URL, if any. A key login has nothing to end.
 */
export async function endSession() {
  if (session.loginMethod !== 'sso' || !session.key) return null;
  try {
    const reply = await api('/sso/logout', {method: 'POST'});
    return reply?.logout_url || null;
  } catch {
    return null; // expired or already gone: logging out locally is all that is left
  }
}
