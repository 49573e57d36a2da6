// Virtual keys: a server-side filtered, paginated list (/key/list); create, edit and regenerate (key-dialogs.js);
// block/unblock (/key/block, /key/unblock) and delete (/key/delete) behind a confirmation.
import {h, field, errorBox, announce, usd, when} from '../dom.js';
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {canWrite, canBlock, readsAll} from '../roles.js';
import {createKey, editKey, regenerateKey} from './key-dialogs.js';

const PAGE_SIZES = [10, 25, 50, 100];

export async function keysPage(main, {role}) {
  const state = {page: 1, size: 10, key_alias: '', team_id: '', user_id: '', key_hash: ''};
  const listSlot = h('div', {id: 'keys-list'});
  const messages = h('div', {class: 'status-slot'});

  const alias = h('input', {type: 'search', name: 'key_alias', autocomplete: 'off'});
  const team = h('input', {type: 'search', name: 'team_id', autocomplete: 'off'});
  const user = h('input', {type: 'search', name: 'user_id', autocomplete: 'off'});
  const hash = h('input', {type: 'search', name: 'key_hash', autocomplete: 'off'});
  const size = h('select', {name: 'size'}, PAGE_SIZES.map((n) => h('option', {value: n}, String(n))));
  const filters = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter keys'},
    field('Key alias (exact)', alias),
    field('Team id', team),
    readsAll(role) ? field('User id', user) : null,
    field('Key or hash', hash),
    field('Per page', size),
    h('div', {class: 'field buttons'},
      h('button', {type: 'submit'}, 'Search'),
      h('button', {type: 'reset', class: 'secondary'}, 'Clear')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(state, {page: 1, size: Number(size.value), key_alias: alias.value.trim(),
      team_id: team.value.trim(), user_id: user.value.trim(), key_hash: hash.value.trim()});
    load();
  });
  filters.addEventListener('reset', () => {
    Object.assign(state, {page: 1, size: PAGE_SIZES[0], key_alias: '', team_id: '', user_id: '', key_hash: ''});
    setTimeout(load, 0);
  });

  const header = h('div', {class: 'page-head'},
    h('h1', {}, role === 'proxy_admin' || role === 'proxy_admin_viewer' ? 'Virtual keys' : 'Your virtual keys'),
    canWrite(role) ? h('button', {type: 'button', id: 'create-key', onclick: () => createKey(load)},
      'Create key') : null);
  main.append(header, filters, messages, listSlot);

  async function load() {
    listSlot.setAttribute('aria-busy', 'true');
    try {
      const reply = await api('/key/list', {query: {page: state.page, size: state.size, return_full_object: true,
        key_alias: state.key_alias, team_id: state.team_id, user_id: state.user_id, key_hash: state.key_hash}});
      listSlot.replaceChildren(renderList(reply));
      messages.replaceChildren();
    } catch (e) {
      messages.replaceChildren(errorBox(e.message));
      listSlot.replaceChildren();
    } finally {
      listSlot.removeAttribute('aria-busy');
    }
  }

  function renderList(reply) {
    const keys = reply.keys || [];
    const total = reply.total_count ?? keys.length;
    const pages = Math.max(1, reply.total_pages || 1);
    const rows = keys.map((k) => h('tr', {'data-key-alias': k.key_alias || '', 'data-token': k.token},
      h('td', {}, k.key_alias || h('span', {class: 'muted'}, '(no alias)')),
      h('td', {}, h('code', {}, k.key_name || '')),
      h('td', {}, k.team_id || '—'),
      h('td', {}, k.user_id || '—'),
      h('td', {}, (k.models || []).length ? k.models.join(', ') : 'all'),
      h('td', {}, `${usd(k.spend)} / ${k.max_budget == null ? '∞' : usd(k.max_budget)}`
        + (k.budget_duration ? ` per ${k.budget_duration}` : '')),
      h('td', {}, `${k.rpm_limit ?? '∞'} rpm · ${k.tpm_limit ?? '∞'} tpm`),
      h('td', {}, k.expires ? when(k.expires) : 'never'),
      h('td', {}, h('span', {class: k.blocked ? 'badge bad' : 'badge ok'}, k.blocked ? 'Blocked' : 'Active')),
      h('td', {class: 'row-actions'}, actions(k))));
    return h('div', {},
      h('div', {class: 'table-wrap'}, h('table', {},
        h('caption', {}, `${total} key${total === 1 ? '' : 's'}`),
        h('thead', {}, h('tr', {}, ['Alias', 'Key', 'Team', 'User', 'Models', 'Spend / budget', 'Limits',
          'Expires', 'Status', h('span', {class: 'visually-hidden'}, 'Actions')].map((c) => h('th', {scope: 'col'}, c)))),
        h('tbody', {}, rows.length ? rows
          : h('tr', {}, h('td', {colspan: 10, class: 'empty'}, 'No keys match.'))))),
      h('nav', {class: 'pager', 'aria-label': 'Key pages'},
        h('button', {type: 'button', class: 'secondary', disabled: state.page <= 1,
          onclick: () => { state.page -= 1; load(); }}, 'Previous'),
        h('span', {}, `Page ${state.page} of ${pages}`),
        h('button', {type: 'button', class: 'secondary', disabled: state.page >= pages,
          onclick: () => { state.page += 1; load(); }}, 'Next')));
  }

  function actions(k) {
    const label = k.key_alias || k.key_name;
    const out = [];
    if (canBlock(role)) {
      out.push(h('button', {type: 'button', class: 'secondary small', 'aria-label': `${k.blocked ? 'Unblock' : 'Block'} ${label}`,
        onclick: () => run(k.blocked ? '/key/unblock' : '/key/block', {key: k.token},
          `${label} ${k.blocked ? 'unblocked' : 'blocked'}.`)}, k.blocked ? 'Unblock' : 'Block'));
    }
    if (canWrite(role)) {
      out.push(h('button', {type: 'button', class: 'secondary small', 'aria-label': `Edit ${label}`,
        onclick: () => editKey(k, load, done)}, 'Edit'));
      out.push(h('button', {type: 'button', class: 'secondary small', 'aria-label': `Regenerate ${label}`,
        onclick: () => regenerateKey(k, load, (message) => messages.replaceChildren(errorBox(message)))},
      'Regenerate'));
      out.push(h('button', {type: 'button', class: 'danger small', 'aria-label': `Delete ${label}`,
        onclick: async () => {
          if (await confirmDialog('Delete key?', `Delete ${label}? Clients using it are refused at once. This cannot be undone.`, 'Delete key')) {
            run('/key/delete', {keys: [k.token]}, `${label} deleted.`);
          }
        }}, 'Delete'));
    }
    return out;
  }

  function done(message) {
    announce(message);
    messages.replaceChildren(h('p', {class: 'notice', role: 'status'}, message));
  }

  async function run(path, body, message) {
    try {
      await api(path, {method: 'POST', body});
      await load();
      done(message);
    } catch (e) {
      messages.replaceChildren(errorBox(e.message));
    }
  }

  await load();
}
