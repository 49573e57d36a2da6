// The key lives in sessionStorage only (gone when the tab closes), never in a URL or a cookie.
const KEY = 'tollgate.key';
const ROLE = 'tollgate.role';
const USER = 'tollgate.user';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  get role() { return sessionStorage.getItem(ROLE); },
  get userId() { return sessionStorage.getItem(USER); },
  save(key, role, userId) {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(ROLE, role);
    if (userId) sessionStorage.setItem(USER, userId); else sessionStorage.removeItem(USER);
  },
  clear() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(ROLE);
    sessionStorage.removeItem(USER);
  },
};
