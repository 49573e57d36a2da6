// The key lives in sessionStorage only (gone when the tab closes), never in a URL or a cookie.
const KEY = 'tollgate.key';
const ROLE = 'tollgate.role';
const USER = 'tollgate.user';
const METHOD = 'tollgate.login'; // 'sso' for a single sign-on session (its key is revoked on logout)

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  get role() { return sessionStorage.getItem(ROLE); },
  get userId() { return sessionStorage.getItem(USER); },
  get loginMethod() { return sessionStorage.getItem(METHOD) || 'key'; },
  save(key, role, userId, method = 'key') {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(METHOD, method);
    sessionStorage.setItem(ROLE, role);
    if (userId) sessionStorage.setItem(USER, userId); else sessionStorage.removeItem(USER);
  },
  clear() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(ROLE);
    sessionStorage.removeItem(USER);
    sessionStorage.removeItem(METHOD);
  },
};
