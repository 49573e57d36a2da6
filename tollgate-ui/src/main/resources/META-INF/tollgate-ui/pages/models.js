// Models: every deployment (/model/info), config ones read-only, stored ones editable (/model/new, /model/update,
// /model/delete); health on demand (/health, /health/test_connection) and the router's live state per deployment
// (/tollgate/router/state: cooldowns, in-flight calls, failures, latency), refreshed every few seconds.
import {h, errorBox, announce, when} from '../dom.js';
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {ADMIN, readsAll} from '../roles.js';
import {modelDialog} from './model-form.js';

/** How often the router state is read while the page is shown. */
export const STATE_REFRESH_MS = 3000;

export async function modelsPage(main, {role}) {
  const admin = role === ADMIN;
  const showsState = readsAll(role);
  const health = new Map(); // model_id -> {state: 'checking'|'healthy'|'unhealthy', error?, at}
  let models = [];
  let routerState = new Map();

  const messages = h('div', {class: 'status-slot'});
  const listSlot = h('div', {id: 'models-list'});
  const scope = h('select', {name: 'health_scope', id: 'health-scope'});
  const runButton = h('button', {type: 'submit', id: 'run-health'}, 'Run health check');
  const healthForm = h('form', {class: 'filters', 'aria-label': 'Health check'},
    h('div', {class: 'field'}, h('label', {for: 'health-scope'}, 'Check'), scope),
    h('div', {class: 'field buttons'}, runButton),
    h('p', {class: 'hint'}, 'Makes one small real call to each deployment; it is billed like any call.'));
  healthForm.addEventListener('submit', (e) => {
    e.preventDefault();
    runHealth(scope.value);
  });

  main.append(...[
    h('div', {class: 'page-head'}, h('h1', {}, 'Models'),
      admin ? h('button', {type: 'button', id: 'add-model', onclick: async () => {
        if (await modelDialog()) await changed('Model added.');
      }}, 'Add model') : null),
    admin ? healthForm : null,
    messages, listSlot].filter(Boolean));

  async function load() {
    listSlot.setAttribute('aria-busy', 'true');
    try {
      models = (await api('/model/info'))?.data || [];
      renderScope();
      listSlot.replaceChildren(renderTable());
      messages.replaceChildren();
    } catch (e) {
      messages.replaceChildren(errorBox(e.message));
    } finally {
      listSlot.removeAttribute('aria-busy');
    }
  }

  function renderScope() {
    const names = [...new Set(models.map((m) => m.model_name))];
    const chosen = scope.value;
    scope.replaceChildren(h('option', {value: ''}, 'All models'),
      ...names.map((n) => h('option', {value: n}, n)));
    if (names.includes(chosen)) scope.value = chosen;
  }

  function renderTable() {
    const columns = ['Model group', 'Upstream model', 'Id', 'Source', 'rpm / tpm', '$ in / out per 1M',
      admin ? 'Health' : null, showsState ? 'Router' : null, admin ? h('span', {class: 'visually-hidden'}, 'Actions') : null].filter(Boolean);
    const rows = models.map((m) => {
      const id = m.model_info?.id || '';
      const stored = Boolean(m.model_info?.db_model);
      return h('tr', {'data-model-id': id, 'data-model-name': m.model_name, 'data-source': stored ? 'api' : 'config'},
        h('td', {}, m.model_name),
        h('td', {}, h('code', {}, m.litellm_params?.model || '')),
        h('td', {}, h('code', {}, id || '—')),
        h('td', {}, stored ? h('span', {class: 'badge ok', title: 'Stored through the API: editable'}, 'API')
          : [h('span', {class: 'badge neutral'}, 'Config'),
            h('div', {class: 'cell-note muted'}, 'read-only: edit the config file')]),
        h('td', {}, `${m.litellm_params?.rpm ?? '∞'} / ${m.litellm_params?.tpm ?? '∞'}`),
        h('td', {}, `${perMillion(m.model_info?.input_cost_per_token)} / ${perMillion(m.model_info?.output_cost_per_token)}`),
        admin ? h('td', {class: 'health'}, healthCell(id)) : null,
        showsState ? h('td', {class: 'router-state'}, stateCell(id)) : null,
        admin ? h('td', {class: 'row-actions'}, rowActions(m, id, stored)) : null);
    });
    return h('div', {class: 'table-wrap'}, h('table', {},
      h('caption', {}, `${models.length} deployment${models.length === 1 ? '' : 's'}`),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, rows.length ? rows
        : h('tr', {}, h('td', {colspan: columns.length, class: 'empty'}, 'No models.')))));
  }

  function rowActions(m, id, stored) {
    const out = [h('button', {type: 'button', class: 'secondary small', 'aria-label': `Test connection of ${m.model_name} (${id})`,
      onclick: () => testRow(m, id)}, 'Test')];
    if (stored) {
      out.push(h('button', {type: 'button', class: 'secondary small', 'aria-label': `Edit ${m.model_name} (${id})`,
        onclick: async () => { if (await modelDialog(m)) await changed(`${m.model_name} saved.`); }}, 'Edit'));
      out.push(h('button', {type: 'button', class: 'danger small', 'aria-label': `Delete ${m.model_name} (${id})`,
        onclick: async () => {
          if (await confirmDialog('Delete model?', `Delete ${m.model_name} (${id})? Requests stop going to it at once. This cannot be undone.`, 'Delete model')) {
            try {
              await api('/model/delete', {method: 'POST', body: {id}});
              health.delete(id);
              await changed(`${m.model_name} deleted.`);
            } catch (e) {
              messages.replaceChildren(errorBox(e.message));
            }
          }
        }}, 'Delete'));
    }
    return out;
  }

  function healthCell(id) {
    const r = health.get(id);
    if (!r) return h('span', {class: 'muted', 'data-health': 'unknown'}, 'Not checked');
    if (r.state === 'checking') return h('span', {class: 'muted', 'data-health': 'checking'}, 'Checking…');
    const badge = h('span', {class: r.state === 'healthy' ? 'badge ok' : 'badge bad', 'data-health': r.state},
      r.state === 'healthy' ? 'Healthy' : 'Unhealthy');
    return [badge, r.error ? h('div', {class: 'cell-note'}, r.error) : null,
      h('div', {class: 'cell-note muted'}, `${r.how} ${when(r.at)}`)];
  }

  function stateCell(id) {
    const s = routerState.get(id);
    if (!s) return h('span', {class: 'muted'}, '—');
    const facts = [`${s.in_flight} in flight`, `${s.recent_failures} failure${s.recent_failures === 1 ? '' : 's'} this minute`];
    if (s.latency_ms_per_token != null) facts.push(`${s.latency_ms_per_token} ms/token`);
    if (s.time_to_first_token_ms != null) facts.push(`${s.time_to_first_token_ms} ms to first token`);
    return [
      s.cooling_down
        ? h('span', {class: 'badge bad', 'data-state': 'cooling'}, `Cooling down · ${Math.ceil(s.cooldown_seconds_left)} s`)
        : h('span', {class: 'badge ok', 'data-state': 'ready'}, 'Ready'),
      s.cooling_down ? h('div', {class: 'cell-note'}, s.cooldown_reason || 'started by another instance') : null,
      h('div', {class: 'cell-note muted'}, facts.join(' · ')),
      s.last_failure ? h('div', {class: 'cell-note muted'}, `last failure: ${s.last_failure}, ${when(s.last_failure_at)}`) : null];
  }

  /** Redraws one column's cells in place, so focus and scroll stay where they are. */
  function refreshCells(selector, cell) {
    for (const row of listSlot.querySelectorAll('tr[data-model-id]')) {
      const td = row.querySelector(selector);
      if (td) td.replaceChildren(...[cell(row.dataset.modelId)].flat().filter(Boolean));
    }
  }

  async function runHealth(modelName) {
    const targets = models.filter((m) => !modelName || m.model_name === modelName).map((m) => m.model_info?.id);
    targets.forEach((id) => health.set(id, {state: 'checking'}));
    refreshCells('td.health', healthCell);
    runButton.disabled = true;
    announce(`Checking ${targets.length} deployment${targets.length === 1 ? '' : 's'}…`);
    try {
      const reply = await api('/health', {query: {model: modelName}});
      const at = new Date().toISOString();
      for (const e of reply.healthy_endpoints || []) health.set(e.model_id, {state: 'healthy', at, how: 'Health check'});
      for (const e of reply.unhealthy_endpoints || []) {
        health.set(e.model_id, {state: 'unhealthy', error: e.error, at, how: 'Health check'});
      }
      targets.filter((id) => health.get(id)?.state === 'checking').forEach((id) => health.delete(id));
      announce(`Health check done: ${reply.healthy_count} healthy, ${reply.unhealthy_count} unhealthy.`);
      messages.replaceChildren(h('p', {class: 'notice', role: 'status'},
        `Health check: ${reply.healthy_count} healthy, ${reply.unhealthy_count} unhealthy.`));
    } catch (e) {
      targets.forEach((id) => health.delete(id));
      messages.replaceChildren(errorBox(e.message));
    } finally {
      runButton.disabled = false;
      refreshCells('td.health', healthCell);
    }
  }

  async function testRow(m, id) {
    health.set(id, {state: 'checking'});
    refreshCells('td.health', healthCell);
    try {
      const body = {litellm_params: {model: m.litellm_params?.model}, model_info: {id}};
      if (m.model_info?.mode === 'embedding') body.mode = 'embedding';
      const reply = await api('/health/test_connection', {method: 'POST', body});
      const ok = reply.status === 'success';
      health.set(id, {state: ok ? 'healthy' : 'unhealthy', error: reply.result?.error, at: new Date().toISOString(),
        how: 'Connection test'});
      announce(`${m.model_name}: connection ${ok ? 'OK' : 'failed'}.`);
    } catch (e) {
      health.delete(id);
      messages.replaceChildren(errorBox(e.message));
    } finally {
      refreshCells('td.health', healthCell);
    }
  }

  async function changed(done) {
    await load();
    await refreshState();
    announce(done);
    messages.replaceChildren(h('p', {class: 'notice', role: 'status'}, done));
  }

  let reading = false;
  async function refreshState() {
    if (!showsState || reading) return;
    reading = true;
    try {
      const reply = await api('/tollgate/router/state');
      routerState = new Map((reply.deployments || []).map((d) => [d.model_id, d]));
      refreshCells('td.router-state', stateCell);
    } catch {
      // a failed poll keeps the last state shown; the next one tries again
    } finally {
      reading = false;
    }
  }

  await load();
  await refreshState();
  if (showsState) {
    const timer = setInterval(() => {
      if (!listSlot.isConnected) {
        clearInterval(timer); // the page was left
        return;
      }
      refreshState();
    }, STATE_REFRESH_MS);
  }
}

function perMillion(perToken) {
  return perToken == null ? '—' : `$${(Number(perToken) * 1e6).toFixed(2)}`;
}
