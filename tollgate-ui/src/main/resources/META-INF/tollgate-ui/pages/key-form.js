// The fields of a virtual key, shared by the create and edit dialogs: offered from what the gateway lists (models,
// teams, guardrails) and read back into the wire fields of /key/generate and /key/update.
import {h, field} from '../dom.js';
import {api} from '../api.js';
import {modelLimitsEditor, budgetsOf, limitsOf} from './model-limits.js';

/** What the form can offer: model names, teams and guardrail names (each empty when its call is refused). */
export async function keyFormChoices() {
  const [models, teams, guardrails] = await Promise.all([
    api('/v1/models').then((r) => (r?.data || []).map((m) => m.id)).catch(() => []),
    api('/team/list').then((r) => (Array.isArray(r) ? r : (r?.teams || []))).catch(() => []),
    api('/guardrails/list').then((r) => (r?.guardrails || []).map((g) => g.guardrail_name)).catch(() => []),
  ]);
  return {models, teams, guardrails};
}

/** The metadata keys LiteLLM uses for a key's guardrails: edited with their own control, not in the JSON box. */
const GUARDRAIL_KEYS = ['guardrails', 'disable_global_guardrails'];

/** A key's editable values in wire form, as the form shows them (null or [] where unset). */
export function keyValues(key = {}) {
  const metadata = {...(key.metadata || {})};
  const guardrails = Array.isArray(metadata.guardrails) ? metadata.guardrails : [];
  for (const name of GUARDRAIL_KEYS) delete metadata[name];
  return {
    key_alias: key.key_alias ?? null,
    models: key.models || [],
    max_budget: key.max_budget ?? null,
    budget_duration: key.budget_duration ?? null,
    rpm_limit: key.rpm_limit ?? null,
    tpm_limit: key.tpm_limit ?? null,
    max_parallel_requests: key.max_parallel_requests ?? null,
    team_id: key.team_id ?? null,
    tags: key.tags || [],
    metadata,
    guardrails,
    soft_budget: key.soft_budget ?? null,
    allowed_routes: key.allowed_routes || [],
    disable_global_guardrails: key.metadata?.disable_global_guardrails === true,
    model_max_budget: budgetsOf(key.model_max_budget),
    model_rpm_limit: limitsOf(key.model_rpm_limit),
    model_tpm_limit: limitsOf(key.model_tpm_limit),
  };
}

/**
 * The labelled controls for a key, filled from `key` when editing. `read()` returns the values in keyValues' form
 * (plus `duration`: when creating, or when an edit sets a new expiry), or throws an Error with a message for the
 * person when one is not valid.
 */
export function keyFields(choices, key = {}, {create = false} = {}) {
  const now = keyValues(key);
  const alias = h('input', {name: 'key_alias', autocomplete: 'off', value: now.key_alias || ''});
  const modelNames = [...new Set([...choices.models, ...now.models])];
  const modelBoxes = modelNames.map((m) => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'models', value: m, checked: now.models.includes(m)}), ` ${m}`));
  const modelsText = h('input', {name: 'models_text', value: now.models.join(', ')});
  const modelsField = modelNames.length
    ? h('fieldset', {}, h('legend', {}, 'Models (none checked: all the team or user may use)'), modelBoxes)
    : field('Models', modelsText, 'Comma-separated model names; empty for all');
  const number = (name, value, step) => h('input', {name, type: 'number', min: '0', step,
    inputmode: step === '1' ? 'numeric' : 'decimal', value: value ?? ''});
  const budget = number('max_budget', now.max_budget, 'any');
  const softBudget = number('soft_budget', now.soft_budget, 'any');
  const duration = h('input', {name: 'duration', placeholder: create ? '30d' : 'unchanged', autocomplete: 'off'});
  const expiresNow = key.expires ? `Expires ${String(key.expires).replace('T', ' ').slice(0, 16)} UTC`
    : 'Never expires';
  const budgetDuration = h('input', {name: 'budget_duration', placeholder: '30d', autocomplete: 'off',
    value: now.budget_duration || ''});
  const rpm = number('rpm_limit', now.rpm_limit, '1');
  const tpm = number('tpm_limit', now.tpm_limit, '1');
  const parallel = number('max_parallel_requests', now.max_parallel_requests, '1');
  const teams = [...choices.teams];
  if (now.team_id && !teams.some((t) => t.team_id === now.team_id)) teams.push({team_id: now.team_id});
  const team = h('select', {name: 'team_id'}, h('option', {value: ''}, 'No team'),
    teams.map((t) => h('option', {value: t.team_id, selected: t.team_id === now.team_id},
      t.team_alias ? `${t.team_alias} (${t.team_id})` : t.team_id)));
  const tags = h('input', {name: 'tags', autocomplete: 'off', value: now.tags.join(', ')});
  const routes = h('input', {name: 'allowed_routes', autocomplete: 'off', value: now.allowed_routes.join(', ')});
  const limits = modelLimitsEditor(modelNames, key);
  const skipGlobal = h('input', {type: 'checkbox', name: 'disable_global_guardrails',
    checked: now.disable_global_guardrails});
  const metadata = h('textarea', {name: 'metadata', rows: 3, placeholder: '{"owner": "data-team"}'});
  metadata.value = Object.keys(now.metadata).length ? JSON.stringify(now.metadata, null, 2) : '';
  const guardrailNames = [...new Set([...choices.guardrails, ...now.guardrails])];
  const guardrailBoxes = guardrailNames.map((g) => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'guardrails', value: g, checked: now.guardrails.includes(g)}), ` ${g}`));

  const elements = [
    field('Key alias', alias),
    modelsField,
    h('div', {class: 'grid-2'},
      field('Max budget (USD)', budget, 'Empty: no budget'),
      field('Soft budget (USD)', softBudget, 'Alerts when spend reaches it; never blocks'),
      create ? field('Duration', duration, 'e.g. 30m, 1h, 7d, 1mo; empty: never expires')
        : field('New expiry', duration,
          `${expiresNow}. A duration from now (e.g. 30d), -1 for never; empty: unchanged`),
      field('Budget period', budgetDuration, 'Spend resets every period, e.g. 1d, 30d; empty: never'),
      field('Requests per minute', rpm),
      field('Tokens per minute', tpm),
      field('Parallel requests', parallel)),
    field('Team', team),
    field('Tags', tags, 'Comma-separated'),
    field('Allowed routes', routes, 'Comma-separated routes or route groups (e.g. llm_api_routes, /key/info); '
      + 'empty: the role\'s routes'),
    limits.element,
    field('Metadata (JSON object)', metadata),
    h('fieldset', {}, h('legend', {}, 'Guardrails'),
      guardrailNames.length ? h('p', {class: 'muted'}, 'Run on every call with this key:') : null, guardrailBoxes,
      h('label', {class: 'check block'}, skipGlobal, ' Skip the gateway\'s default-on guardrails')),
  ];

  function read() {
    const out = {
      key_alias: alias.value.trim() || null,
      models: modelNames.length
        ? modelBoxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value)
        : splitList(modelsText.value),
      max_budget: amount('Max budget', budget),
      budget_duration: budgetDuration.value.trim() || null,
      rpm_limit: whole('Requests per minute', rpm),
      tpm_limit: whole('Tokens per minute', tpm),
      max_parallel_requests: whole('Parallel requests', parallel),
      team_id: team.value || null,
      tags: splitList(tags.value),
      metadata: parseMetadata(metadata.value),
      guardrails: guardrailBoxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
      soft_budget: amount('Soft budget', softBudget),
      allowed_routes: splitList(routes.value),
      disable_global_guardrails: skipGlobal.checked,
      ...limits.read(),
    };
    if (create) out.duration = duration.value.trim() || null;
    else if (duration.value.trim()) out.duration = duration.value.trim();
    return out;
  }

  return {elements, read};
}

/**
 * The /key/update body that turns `before` into `after` (both keyValues-shaped, `after` maybe with a new
 * `duration`): only what changed, null to clear. The guardrails and disable_global_guardrails live in the metadata,
 * so a changed metadata carries both along (the flag when it is set or was stored) and neither is lost.
 */
export function updateBody(token, before, after, key = {}) {
  const body = {key: token};
  for (const name of Object.keys(after)) {
    if (JSON.stringify(before[name]) !== JSON.stringify(after[name])) body[name] = after[name];
  }
  if ('metadata' in body || 'guardrails' in body || 'disable_global_guardrails' in body) {
    body.guardrails = after.guardrails.length ? after.guardrails : null;
    const stored = key.metadata && 'disable_global_guardrails' in key.metadata;
    if ('disable_global_guardrails' in body || after.disable_global_guardrails || stored) {
      body.disable_global_guardrails = after.disable_global_guardrails;
    }
  }
  return body;
}

/** The /key/generate body: set fields only (no nulls, empty lists or objects, or false flags). */
export function createBody(values) {
  const body = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    body[name] = value;
  }
  return body;
}

export function splitList(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

function amount(label, input) {
  if (input.value === '') {
    if (input.validity && input.validity.badInput) throw new Error(`${label} must be a number.`);
    return null;
  }
  const n = Number(input.value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${label} must be a number of at least 0.`);
  return n;
}

function whole(label, input) {
  const n = amount(label, input);
  if (n !== null && !Number.isInteger(n)) throw new Error(`${label} must be a whole number.`);
  return n;
}

function parseMetadata(text) {
  if (!text.trim()) return {};
  let parsed;
  try { parsed = JSON.parse(text); } catch (err) { throw new Error(`Metadata is not valid JSON: ${err.message}`); }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Metadata must be a JSON object.');
  return parsed;
}
