// Login: the master key or a virtual key, or single sign-on when the gateway has a provider; the role decides what
// the dashboard offers.
import {h, field, errorBox, announce} from '../dom.js';
import {session} from '../session.js';
import {discoverRole} from '../roles.js';
import {SSO_START, uiConfig, pickUpSession} from '../sso.js';

/**
 * Renders the login into `main`; `done()` once a session is saved. `#/login/sso` is where a finished SSO login lands:
 * the page picks the session key up from the gateway. `#/login/key` shows the key form without the automatic
 * redirect to the identity provider.
 */
export function loginPage(main, done) {
  const input = h('input', {type: 'password', name: 'key', autocomplete: 'off', required: true,
    spellcheck: 'false', placeholder: 'sk-...'});
  const status = h('div', {class: 'status-slot'});
  const submit = h('button', {type: 'submit'}, 'Log in');
  const ssoSlot = h('div', {class: 'sso-slot'});
  const form = h('form', {class: 'card narrow', 'aria-labelledby': 'login-title'},
    h('h1', {id: 'login-title'}, 'Log in to Tollgate'),
    ssoSlot,
    h('p', {}, 'Use the master key or a virtual key. It is kept in this tab only (sessionStorage) and sent as ',
      h('code', {}, 'Authorization: Bearer'), ' to the management API.'),
    field('API key', input),
    status,
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    status.replaceChildren();
    submit.disabled = true;
    submit.textContent = 'Checking…';
    try {
      const {role, userId} = await discoverRole(key);
      session.save(key, role, userId);
      done();
    } catch (e) {
      status.replaceChildren(errorBox(e.message));
      input.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Log in';
    }
  });
  main.append(form);
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  if (path === 'login/sso') {
    finishSso(status, done, () => offerSso(ssoSlot, path));
  } else {
    input.focus();
    offerSso(ssoSlot, path);
  }
}

/** Shows "Sign in with SSO" when the gateway has a provider (and follows auto_redirect_to_sso). */
async function offerSso(slot, path) {
  const config = await uiConfig();
  if (!config.sso_configured) return;
  if (config.auto_redirect_to_sso && path !== 'login/key') {
    window.location.assign(SSO_START);
    return;
  }
  slot.replaceChildren(
    h('p', {}, h('a', {class: 'button-link', id: 'sso-login', href: SSO_START}, 'Sign in with SSO')),
    h('p', {class: 'or'}, 'or'));
}

/** Picks up the session key a finished SSO login issued, then enters the dashboard as that user. */
async function finishSso(status, done, otherwise) {
  status.replaceChildren(h('p', {role: 'status'}, 'Finishing single sign-on…'));
  try {
    const handed = await pickUpSession();
    const {role, userId} = await discoverRole(handed.key);
    session.save(handed.key, role, userId || handed.user_id, 'sso');
    announce('Signed in with SSO.');
    done();
  } catch (e) {
    status.replaceChildren(errorBox(`Single sign-on did not finish: ${e.message}`));
    otherwise();
  }
}
