// One request of the spend log in a dialog (/spend/logs/ui/{request_id}): timings, tokens and cost, the deployment
// that answered, retries and fallbacks, cache, guardrail outcomes (metadata.guardrail_information) and the stored
// prompt and response.
import {h, usd, when, errorBox} from '../dom.js';
import {api} from '../api.js';
import {openDialog} from '../dialog.js';

const show = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

function facts(title, id, pairs) {
  return h('section', {'aria-labelledby': id},
    h('h3', {id}, title),
    h('dl', {}, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {'data-fact': k}, show(v))])));
}

function isStored(value) {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function guardrails(runs) {
  if (!Array.isArray(runs) || runs.length === 0) {
    return h('p', {class: 'muted', id: 'log-guardrails'}, 'No guardrail ran on this request.');
  }
  return h('div', {class: 'table-wrap', id: 'log-guardrails'}, h('table', {},
    h('caption', {}, `${runs.length} guardrail run${runs.length === 1 ? '' : 's'}`),
    h('thead', {}, h('tr', {}, ['Guardrail', 'Mode', 'Outcome', 'Took', 'Found'].map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, runs.map((g) => h('tr', {},
      h('th', {scope: 'row'}, show(g.guardrail_name)), h('td', {}, show(g.guardrail_mode)),
      h('td', {}, h('span', {class: g.guardrail_status === 'passed' ? 'badge ok' : 'badge bad'}, show(g.guardrail_status))),
      h('td', {}, g.duration_us == null ? '—' : `${(g.duration_us / 1000).toFixed(2)} ms`),
      h('td', {}, (g.detected_entities || []).join(', ') || '—'))))));
}

function text(label, id, value) {
  return h('div', {},
    h('h3', {id}, label),
    isStored(value)
      ? h('pre', {class: 'raw', tabindex: '0', 'aria-labelledby': id}, typeof value === 'string' ? value : JSON.stringify(value, null, 2))
      : h('p', {class: 'muted'}, 'Not stored (turn on general_settings.store_prompts_in_spend_logs to keep it).'));
}

/** Opens the dialog for `listed` (a row of the list), reading the full row from the gateway first. */
export async function logDetails(listed) {
  let row = listed;
  let problem = null;
  try {
    row = await api(`/spend/logs/ui/${encodeURIComponent(listed.request_id)}`);
  } catch (e) {
    problem = e.message; // the list's copy of the row is shown instead
  }
  const m = row.metadata || {};
  const error = m.error_information;
  const cacheHit = String(row.cache_hit) === 'True' || row.cache_hit === true;
  const body = h('div', {class: 'details'},
    problem ? errorBox(problem) : null,
    error ? h('p', {class: 'error', id: 'log-error'},
      `${show(error.error_code)} ${show(error.error_class)}: ${show(error.error_message)}`) : null,
    h('div', {class: 'facts-grid'},
      facts('Request', 'd-request', [['Request id', row.request_id], ['Call type', row.call_type],
        ['Status', row.status], ['HTTP status', m.status_code], ['Start', when(row.startTime)], ['End', when(row.endTime)],
        ['Duration', row.request_duration_ms == null ? null : `${row.request_duration_ms} ms`]]),
      facts('Tokens and cost', 'd-cost', [['Prompt tokens', row.prompt_tokens],
        ['Completion tokens', row.completion_tokens], ['Total tokens', row.total_tokens], ['Cost', usd(row.spend)],
        ['Usage', m.usage_estimated ? 'estimated by the gateway' : m.usage_reported === false ? 'not reported' : 'reported']]),
      facts('Deployment', 'd-route', [['Model group', row.model_group], ['Model', row.model],
        ['Provider', row.custom_llm_provider], ['Deployment id', row.model_id], ['API base', row.api_base],
        ['Retries', m.attempted_retries], ['Fallbacks', m.attempted_fallbacks],
        ['Cache', cacheHit ? 'hit' : 'miss'], ['Cache key', row.cache_key]]),
      facts('Caller', 'd-who', [['Key alias', m.user_api_key_alias], ['Key hash', row.api_key], ['User', row.user],
        ['Team', row.team_id], ['End user', row.end_user], ['Tags', (row.request_tags || []).join(', ')],
        ['IP address', row.requester_ip_address]])),
    h('h3', {}, 'Guardrails'),
    guardrails(m.guardrail_information),
    text('Prompt', 'd-prompt', row.messages),
    text('Response', 'd-response', row.response),
    h('details', {}, h('summary', {}, 'Raw row'), h('pre', {class: 'raw', tabindex: '0'}, JSON.stringify(row, null, 2))));
  const close = h('button', {type: 'button', onclick: (e) => e.target.closest('dialog').close()}, 'Close');
  await openDialog(`Request ${row.request_id}`, body, {buttons: [close]});
}
