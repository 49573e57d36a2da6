// Who the key belongs to, and what the dashboard offers that role (the gateway enforces it either way).
import {api, ApiError} from './api.js';

export const ADMIN = 'proxy_admin';
export const ADMIN_VIEWER = 'proxy_admin_viewer';

/**
 * Learns the role of `key`: a virtual key is found by /key/info and takes its user's `user_role` (a key without a
 * user is an internal user); the master key is no virtual key (404) and is a proxy admin when admin-only
 * /user/list answers.
 */
export async function discoverRole(key) {
  try {
    const info = await api('/key/info', {query: {key}, key});
    const userId = info?.info?.user_id || null;
    if (!userId) return {role: 'internal_user', userId: null};
    const user = await api('/user/info', {query: {user_id: userId}, key});
    return {role: user?.user_info?.user_role || 'internal_user', userId};
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  await api('/user/list', {query: {page_size: 1}, key});
  return {role: ADMIN, userId: null};
}

/** May create, change and delete keys (their own, for internal users). */
export function canWrite(role) {
  return role !== ADMIN_VIEWER && role !== 'internal_user_viewer';
}

/** May block and unblock keys, which the gateway allows proxy admins only. */
export function canBlock(role) {
  return role === ADMIN;
}

/** May create, change and delete teams, users, organizations, customers and budgets: proxy admins only. */
export function canManage(role) {
  return role === ADMIN;
}

/** May read everyone's spend logs and users. */
export function readsAll(role) {
  return role === ADMIN || role === ADMIN_VIEWER;
}

export function roleLabel(role) {
  return {
    proxy_admin: 'Proxy admin',
    proxy_admin_viewer: 'Admin viewer',
    internal_user: 'Internal user',
    internal_user_viewer: 'Internal viewer',
    org_admin: 'Org admin',
  }[role] || role;
}
