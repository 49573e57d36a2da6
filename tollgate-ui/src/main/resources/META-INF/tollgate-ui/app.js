// The dashboard's shell: login gate, role-aware navigation and a hash router (#/keys, #/usage, ...).
import {h, announce} from './dom.js';
import {session} from './session.js';
import {readsAll, roleLabel} from './roles.js';
import {loginPage} from './pages/login.js';
import {keysPage} from './pages/keys.js';
import {usagePage} from './pages/usage.js';
import {logsPage} from './pages/logs.js';
import {playgroundPage} from './pages/playground.js';
import {modelsPage} from './pages/models.js';
import {teamsPage} from './pages/teams.js';
import {usersPage} from './pages/users.js';
import {organizationsPage} from './pages/organizations.js';
import {customersPage} from './pages/customers.js';
import {budgetsPage} from './pages/budgets.js';
import {guardrailsPage} from './pages/guardrails.js';
import {endSession} from './sso.js';

/** Every page: its hash, nav label, who sees it, and the function that renders it into <main>. */
const PAGES = [
  {path: 'keys', label: 'Virtual keys', show: () => true, render: keysPage},
  {path: 'usage', label: 'Usage', show: () => true, render: usagePage}, // internal users: their own usage
  {path: 'logs', label: 'Logs', show: readsAll, render: logsPage},
  {path: 'playground', label: 'Playground', show: () => true, render: playgroundPage},
  {path: 'teams', label: 'Teams', show: () => true, render: teamsPage},
  {path: 'users', label: 'Users', show: readsAll, render: usersPage},
  {path: 'organizations', label: 'Organizations', show: readsAll, render: organizationsPage},
  {path: 'customers', label: 'Customers', show: readsAll, render: customersPage},
  {path: 'budgets', label: 'Budgets', show: readsAll, render: budgetsPage},
  {path: 'models', label: 'Models', show: () => true, render: modelsPage},
  {path: 'guardrails', label: 'Guardrails', show: () => true, render: guardrailsPage},
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const logout = document.getElementById('logout');

logout.addEventListener('click', async () => {
  const logoutUrl = await endSession(); // an SSO session's key is revoked on the gateway
  session.clear();
  if (logoutUrl) {
    window.location.assign(logoutUrl);
    return;
  }
  window.location.hash = '#/login';
  route();
  announce('Logged out.');
});

function visiblePages() {
  return PAGES.filter((p) => p.show(session.role));
}

function renderNav(current) {
  nav.replaceChildren(h('ul', {}, visiblePages().map((p) => h('li', {},
    h('a', {href: `#/${p.path}`, 'aria-current': p.path === current ? 'page' : null}, p.label)))));
  nav.hidden = false;
  who.textContent = `${roleLabel(session.role)}${session.userId ? ` · ${session.userId}` : ''}`;
  logout.hidden = false;
}

function hidePrivateChrome() {
  nav.hidden = true;
  nav.replaceChildren();
  who.textContent = '';
  logout.hidden = true;
}

async function route() {
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  if (path === 'login/sso') session.clear(); // a finished SSO login replaces whatever session this tab had
  if (!session.key) {
    hidePrivateChrome();
    main.replaceChildren();
    loginPage(main, () => { window.location.hash = '#/keys'; route(); });
    return;
  }
  const pages = visiblePages();
  const page = pages.find((p) => p.path === path) || pages[0];
  if (page.path !== path) {
    window.history.replaceState(null, '', `#/${page.path}`);
  }
  renderNav(page.path);
  main.replaceChildren();
  document.title = `${page.label} · Tollgate admin`;
  await page.render(main, {role: session.role, userId: session.userId});
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

window.addEventListener('hashchange', route);
route();
