// Calls the gateway's management API with the session's key as a Bearer token.
import {session} from './session.js';

/** A refused or failed call, carrying the API's own `error.message`. */
export class ApiError extends Error {
  constructor(status, message, type) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

/** The readable message of an error reply: OpenAI's shape, else FastAPI's `detail`, else the raw text. */
export function messageOf(status, data, text) {
  if (data && typeof data === 'object') {
    if (data.error && typeof data.error === 'object' && data.error.message) return data.error.message;
    if (typeof data.error === 'string') return data.error;
    if (data.detail) return typeof data.detail === 'string' ? data.detail : JSON.stringify(data.detail);
  }
  return text ? `${status}: ${text.slice(0, 300)}` : `The gateway answered ${status}.`;
}

export function url(path, query = {}) {
  const u = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') u.searchParams.set(name, String(value));
  }
  return u;
}

/** GET or POST `path`; resolves to the parsed JSON reply, rejects with an ApiError. */
export async function api(path, {method = 'GET', body, query, key = session.key} = {}) {
  const headers = {Authorization: `Bearer ${key}`};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, query), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, `Could not reach the gateway: ${e.message}`, 'network_error');
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) {
    throw new ApiError(response.status, messageOf(response.status, data, text), data?.error?.type);
  }
  return data;
}
