// A key's per-model limits, edited as one table: for each model (the public model name a call asks for), a budget
// over a period (LiteLLM's model_max_budget: {"gpt-4o": {"budget_limit": 10, "time_period": "30d"}}) and requests /
// tokens per minute (model_rpm_limit, model_tpm_limit: {"gpt-4o": 60}). Empty cells set nothing for that model.
import {h, uid} from '../dom.js';

/** LiteLLM's window for a bare-number model_max_budget entry (its legacy form), shown and kept as such. */
const LEGACY_PERIOD = '28d';

function sorted(map) {
  return Object.fromEntries(Object.entries(map || {}).sort(([a], [b]) => a.localeCompare(b)));
}

/** A stored model_max_budget in one comparable form: models sorted, each {budget_limit, time_period}. */
export function budgetsOf(stored) {
  const out = {};
  for (const [model, v] of Object.entries(sorted(stored))) {
    if (typeof v === 'number') {
      out[model] = {budget_limit: v, time_period: LEGACY_PERIOD};
    } else if (v && typeof v === 'object') {
      out[model] = {budget_limit: v.budget_limit ?? v.max_budget ?? null,
        time_period: v.time_period ?? v.budget_duration ?? null};
    }
  }
  return out;
}

/** A stored model_rpm_limit / model_tpm_limit with its models sorted. */
export function limitsOf(stored) {
  return sorted(stored);
}

/**
 * The editor: `element` to place in the form, and `read()` returning {model_max_budget, model_rpm_limit,
 * model_tpm_limit} in the forms above, or throwing an Error whose message names the model and the cell.
 */
export function modelLimitsEditor(modelNames, key = {}) {
  const budgets = budgetsOf(key.model_max_budget);
  const rpm = limitsOf(key.model_rpm_limit);
  const tpm = limitsOf(key.model_tpm_limit);
  const listId = uid('models');
  const datalist = h('datalist', {id: listId}, modelNames.map((m) => h('option', {value: m})));
  const body = h('tbody', {});
  const rows = [];

  function cell(name, label, attrs, value) {
    const input = h('input', {name, id: uid(), value: value ?? '', autocomplete: 'off', ...attrs});
    return {input, td: h('td', {}, h('label', {for: input.id, class: 'visually-hidden'}, label), input)};
  }

  function addRow(model = '', values = {}) {
    const n = rows.length + 1;
    const number = (step) => ({type: 'number', min: '0', step, inputmode: step === '1' ? 'numeric' : 'decimal'});
    const cells = {
      model: cell('limit_model', `Model of limit ${n}`, {list: listId, placeholder: 'model name'}, model),
      budget: cell('limit_budget', `Budget (USD) of limit ${n}`, number('any'), values.budget),
      period: cell('limit_period', `Budget period of limit ${n}`, {placeholder: '30d'}, values.period),
      rpm: cell('limit_rpm', `Requests per minute of limit ${n}`, number('1'), values.rpm),
      tpm: cell('limit_tpm', `Tokens per minute of limit ${n}`, number('1'), values.tpm),
    };
    const row = {cells};
    const remove = h('button', {type: 'button', class: 'secondary small', 'aria-label': `Remove limit ${n}`,
      onclick: () => { rows.splice(rows.indexOf(row), 1); row.tr.remove(); }}, 'Remove');
    row.tr = h('tr', {}, Object.values(cells).map((c) => c.td), h('td', {}, remove));
    rows.push(row);
    body.append(row.tr);
    return row;
  }

  for (const model of [...new Set([...Object.keys(budgets), ...Object.keys(rpm), ...Object.keys(tpm)])].sort()) {
    addRow(model, {budget: budgets[model]?.budget_limit, period: budgets[model]?.time_period, rpm: rpm[model],
      tpm: tpm[model]});
  }
  const add = h('button', {type: 'button', class: 'secondary', id: 'add-model-limit',
    onclick: () => addRow().cells.model.input.focus()}, 'Add a model limit');
  const element = h('fieldset', {class: 'model-limits'},
    h('legend', {}, 'Per-model limits (a budget needs a period, e.g. 30d)'), datalist,
    h('div', {class: 'table-wrap'}, h('table', {},
      h('thead', {}, h('tr', {}, ['Model', 'Budget (USD)', 'Period', 'RPM', 'TPM', '']
        .map((c) => h('th', {scope: 'col'}, c)))),
      body)),
    h('div', {class: 'inline'}, add));

  function read() {
    const out = {model_max_budget: {}, model_rpm_limit: {}, model_tpm_limit: {}};
    const picked = [];
    for (const {cells} of rows) {
      const model = cells.model.input.value.trim();
      const values = ['budget', 'period', 'rpm', 'tpm'].map((c) => cells[c].input.value.trim());
      if (!model) {
        if (values.some(Boolean)) throw new Error('A per-model limit has no model name.');
        continue;
      }
      if (picked.includes(model)) throw new Error(`Model ${model} has two per-model limit rows; keep one.`);
      picked.push(model);
      const budget = number(cells.budget.input, `The budget of ${model}`);
      const period = cells.period.input.value.trim();
      if (budget !== null) {
        if (!period) throw new Error(`The budget of ${model} needs a period, e.g. 30d.`);
        out.model_max_budget[model] = {budget_limit: budget, time_period: period};
      } else if (period) {
        throw new Error(`${model} has a budget period but no budget.`);
      }
      const perMinute = whole(cells.rpm.input, `Requests per minute of ${model}`);
      if (perMinute !== null) out.model_rpm_limit[model] = perMinute;
      const tokens = whole(cells.tpm.input, `Tokens per minute of ${model}`);
      if (tokens !== null) out.model_tpm_limit[model] = tokens;
    }
    return {model_max_budget: budgetsOf(out.model_max_budget), model_rpm_limit: limitsOf(out.model_rpm_limit),
      model_tpm_limit: limitsOf(out.model_tpm_limit)};
  }

  return {element, read};
}

function number(input, label) {
  if (input.value === '') {
    if (input.validity && input.validity.badInput) throw new Error(`${label} must be a number.`);
    return null;
  }
  const n = Number(input.value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${label} must be a number of at least 0.`);
  return n;
}

function whole(input, label) {
  const n = number(input, label);
  if (n !== null && !Number.isInteger(n)) throw new Error(`${label} must be a whole number.`);
  return n;
}
