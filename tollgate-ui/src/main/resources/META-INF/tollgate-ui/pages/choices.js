// The options the directory forms offer (models, teams, organizations, budgets, guardrails), each read from the API;
// a list the key may not read is simply empty, and the form falls back to free text where it can.
import {api} from '../api.js';

async function quietly(load) {
  try {
    return await load();
  } catch {
    return [];
  }
}

/** Model names the key may call (/v1/models). */
export function modelNames() {
  return quietly(async () => ((await api('/v1/models'))?.data || []).map((m) => m.id));
}

/** /team/list answers an array (LiteLLM); an object with `teams` is read too. */
export function teamsOf(reply) {
  return Array.isArray(reply) ? reply : (reply?.teams || []);
}

export function teams() {
  return quietly(async () => teamsOf(await api('/team/list')));
}

export function organizations() {
  return quietly(async () => (await api('/organization/list')) || []);
}

export function budgets() {
  return quietly(async () => (await api('/budget/list')) || []);
}

/** Names of the guardrails the gateway loaded (/guardrails/list). */
export function guardrailNames() {
  return quietly(async () => ((await api('/guardrails/list'))?.guardrails || []).map((g) => g.guardrail_name));
}

/** [value, label] options: `label(item)` shown, `value(item)` sent. */
export function options(items, value, label) {
  return items.map((i) => [value(i), label(i)]);
}

/** The models field: checkboxes of the known models (plus any current value they lack), else comma-separated text. */
export function modelsSpec(models, label = 'Models', hint = 'None checked: every model') {
  return models.length
    ? {name: 'models', label, kind: 'checks', options: models.map((m) => [m, m]), hint}
    : {name: 'models', label, kind: 'list', hint: 'Comma-separated model names; empty: every model'};
}
