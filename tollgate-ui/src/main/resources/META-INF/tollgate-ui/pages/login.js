// Login: the master key or a virtual key; its role decides what the dashboard offers.
import {h, field, errorBox} from '../dom.js';
import {session} from '../session.js';
import {discoverRole} from '../roles.js';

export function loginPage(main, done) {
  const input = h('input', {type: 'password', name: 'key', autocomplete: 'off', required: true,
    spellcheck: 'false', placeholder: 'sk-...'});
  const status = h('div', {class: 'status-slot'});
  const submit = h('button', {type: 'submit'}, 'Log in');
  const form = h('form', {class: 'card narrow', 'aria-labelledby': 'login-title'},
    h('h1', {id: 'login-title'}, 'Log in to Tollgate'),
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
  input.focus();
}
