// Virtual keys: a server-side filtered, paginated list (/key/list), create (/key/generate) with the new key shown
// once, block/unblock (/key/block, /key/unblock) and delete (/key/delete) behind a confirmation.
import {h, field, errorBox, announce, usd, when} from '../dom.js';
import {api} from '../api.js';
import {openDialog, confirmDialog} from '../dialog.js';
import {canWrite, canBlock, readsAll} from '../roles.js';

const PAGE_SIZES = [10, 25, 50, 100];

export async function keysPage(main, {role}) {
  const state = {page: 1, size: 10, key_alias: '', team_id: '', user_id: ''};
  const listSlot = h('div', {id: 'keys-list'});
  const messages = h('div', {class: 'status-slot'});

  const alias = h('input', {type: 'search', name: 'key_alias', autocomplete: 'off'});
  const team = h('input', {type: 'search', name: 'team_id', autocomplete: 'off'});
  const user = h('input', {type: 'search', name: 'user_id', autocomplete: 'off'});
  const size = h('select', {name: 'size'}, PAGE_SIZES.map((n) => h('option', {value: n}, String(n))));
  const filters = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter keys'},
    field('Key alias (exact)', alias),
    field('Team id', team),
    readsAll(role) ? field('User id', user) : null,
    field('Per page', size),
    h('div', {class: 'field buttons'},
      h('button', {type: 'submit'}, 'Search'),
      h('button', {type: 'reset', class: 'secondary'}, 'Clear')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(state, {page: 1, size: Number(size.value), key_alias: alias.value.trim(),
      team_id: team.value.trim(), user_id: user.value.trim()});
    load();
  });
  filters.addEventListener('reset', () => {
    Object.assign(state, {page: 1, size: PAGE_SIZES[0], key_alias: '', team_id: '', user_id: ''});
    setTimeout(load, 0);
  });

  const header = h('div', {class: 'page-head'},
    h('h1', {}, role === 'proxy_admin' || role === 'proxy_admin_viewer' ? 'Virtual keys' : 'Your virtual keys'),
    canWrite(role) ? h('button', {type: 'button', id: 'create-key', onclick: () => createKey(role, load)},
      'Create key') : null);
  main.append(header, filters, messages, listSlot);

  async function load() {
    listSlot.setAttribute('aria-busy', 'true');
    try {
      const reply = await api('/key/list', {query: {page: state.page, size: state.size, return_full_object: true,
        key_alias: state.key_alias, team_id: state.team_id, user_id: state.user_id}});
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
      h('td', {}, `${usd(k.spend)} / ${k.max_budget == null ? '∞' : usd(k.max_budget)}`),
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
      out.push(h('button', {type: 'button', class: 'danger small', 'aria-label': `Delete ${label}`,
        onclick: async () => {
          if (await confirmDialog('Delete key?', `Delete ${label}? Clients using it are refused at once. This cannot be undone.`, 'Delete key')) {
            run('/key/delete', {keys: [k.token]}, `${label} deleted.`);
          }
        }}, 'Delete'));
    }
    return out;
  }

  async function run(path, body, done) {
    try {
      await api(path, {method: 'POST', body});
      announce(done);
      messages.replaceChildren(h('p', {class: 'notice', role: 'status'}, done));
      await load();
    } catch (e) {
      messages.replaceChildren(errorBox(e.message));
    }
  }

  await load();
}

/** The create form in a modal; on success the plaintext key is shown once with a copy button. */
async function createKey(role, reload) {
  let models = [];
  let teams = [];
  try {
    models = ((await api('/v1/models')).data || []).map((m) => m.id);
  } catch { /* no model list: the field stays free text */ }
  try {
    const reply = await api('/team/list');
    teams = Array.isArray(reply) ? reply : (reply?.teams || []);
  } catch { /* a key without team lists is fine */ }

  const form = h('form', {class: 'create-key', novalidate: true});
  const alias = h('input', {name: 'key_alias', autocomplete: 'off'});
  const modelBoxes = models.map((m) => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'models', value: m}), ` ${m}`));
  const modelsField = models.length
    ? h('fieldset', {}, h('legend', {}, 'Models (none checked: all the team or user may use)'), modelBoxes)
    : field('Models', h('input', {name: 'models_text'}), 'Comma-separated model names; empty for all');
  const budget = h('input', {name: 'max_budget', type: 'number', min: '0', step: 'any', inputmode: 'decimal'});
  const duration = h('input', {name: 'duration', placeholder: '30d', autocomplete: 'off'});
  const rpm = h('input', {name: 'rpm_limit', type: 'number', min: '0', step: '1'});
  const tpm = h('input', {name: 'tpm_limit', type: 'number', min: '0', step: '1'});
  const teamSelect = h('select', {name: 'team_id'}, h('option', {value: ''}, 'No team'),
    teams.map((t) => h('option', {value: t.team_id}, t.team_alias ? `${t.team_alias} (${t.team_id})` : t.team_id)));
  const tags = h('input', {name: 'tags', autocomplete: 'off'});
  const metadata = h('textarea', {name: 'metadata', rows: 3, placeholder: '{"owner": "data-team"}'});
  const error = h('div', {class: 'status-slot'});
  form.append(
    field('Key alias', alias),
    modelsField,
    h('div', {class: 'grid-2'},
      field('Max budget (USD)', budget),
      field('Duration', duration, 'e.g. 30m, 1h, 7d, 1mo; empty: never expires'),
      field('Requests per minute', rpm),
      field('Tokens per minute', tpm)),
    field('Team', teamSelect),
    field('Tags', tags, 'Comma-separated'),
    field('Metadata (JSON object)', metadata),
    error,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', onclick: () => form.closest('dialog').close('cancel')}, 'Cancel'),
      h('button', {type: 'submit', id: 'create-key-submit'}, 'Create key')));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.replaceChildren();
    let body;
    try {
      body = createBody();
    } catch (problem) {
      error.replaceChildren(errorBox(problem.message));
      return;
    }
    try {
      const created = await api('/key/generate', {method: 'POST', body});
      form.closest('dialog').close('created');
      await reload();
      await showNewKey(created);
    } catch (problem) {
      error.replaceChildren(errorBox(problem.message));
    }
  });

  function createBody() {
    const body = {};
    if (alias.value.trim()) body.key_alias = alias.value.trim();
    const chosen = models.length
      ? modelBoxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value)
      : splitList(form.elements.models_text.value);
    if (chosen.length) body.models = chosen;
    for (const [name, input] of [['max_budget', budget], ['rpm_limit', rpm], ['tpm_limit', tpm]]) {
      if (input.value !== '') body[name] = Number(input.value);
    }
    if (duration.value.trim()) body.duration = duration.value.trim();
    if (teamSelect.value) body.team_id = teamSelect.value;
    const tagList = splitList(tags.value);
    if (tagList.length) body.tags = tagList;
    if (metadata.value.trim()) {
      let parsed;
      try { parsed = JSON.parse(metadata.value); } catch (err) { throw new Error(`Metadata is not valid JSON: ${err.message}`); }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Metadata must be a JSON object.');
      body.metadata = parsed;
    }
    return body;
  }

  await openDialog('Create a virtual key', form);
}

function splitList(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

async function showNewKey(created) {
  const value = h('input', {id: 'new-key-value', readonly: true, value: created.key, class: 'mono', size: 50});
  const copied = h('span', {role: 'status', class: 'muted'});
  const copy = h('button', {type: 'button', id: 'copy-key', onclick: async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      copied.textContent = 'Copied.';
    } catch {
      value.select();
      copied.textContent = 'Select and copy the key (Ctrl+C).';
    }
  }}, 'Copy');
  const body = h('div', {},
    h('p', {}, 'Copy this key now: it is shown only once. The gateway keeps only its hash.'),
    field('New key', value), h('div', {class: 'inline'}, copy, copied));
  const done = h('button', {type: 'button', onclick: (e) => e.target.closest('dialog').close('done')}, 'Done');
  await openDialog(`Key ${created.key_alias || created.key_name} created`, body, {buttons: [done]});
}
