// The add / edit dialog of the Guardrails page: a guardrail stored through the API (POST /guardrails,
// PUT /guardrails/{id}), with the fields of its integration (guardrail-specs.js) and the rest of its litellm_params
// as JSON. Credentials are write-only: an empty key field keeps the stored one.
import {h, field, errorBox, uid} from '../dom.js';
import {api} from '../api.js';
import {openDialog} from '../dialog.js';
import {MODES, INTEGRATIONS, integration} from './guardrail-specs.js';

/** Params with a control of their own in every form. */
const OWN = ['guardrail', 'mode', 'default_on'];

/** The control of one integration option, filled with `value` (or its default). */
function control(spec, value, editing) {
  const name = spec.name;
  const shown = value ?? spec.default;
  switch (spec.kind) {
    case 'flag':
      return h('input', {type: 'checkbox', name, checked: Boolean(shown)});
    case 'select': {
      const select = h('select', {name}, spec.options.map(([v, label]) => h('option', {value: v}, label)));
      if (shown !== undefined) { // "block" is BLOCK; a value the options lack is kept as it is
        const match = spec.options.find(([v]) => v.toLowerCase() === String(shown).toLowerCase());
        if (!match) select.append(h('option', {value: String(shown)}, String(shown)));
        select.value = match ? match[0] : String(shown);
      }
      return select;
    }
    case 'checks': {
      const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
      return h('fieldset', {}, h('legend', {}, spec.label),
        spec.options.map(([v, label]) => h('label', {class: 'check'},
          h('input', {type: 'checkbox', name, value: v, checked: chosen.has(v)}), ` ${label}`)),
        spec.hint ? h('small', {class: 'hint'}, spec.hint) : null);
    }
    case 'lines':
      return h('textarea', {name, rows: 3, spellcheck: 'false',
        value: Array.isArray(value) ? value.join('\n') : value ?? ''});
    case 'topics':
      return h('textarea', {name, rows: 3, spellcheck: 'false', value: value && typeof value === 'object'
        ? Object.entries(value).map(([t, words]) => `${t}: ${[].concat(words).join(', ')}`).join('\n') : ''});
    case 'textarea':
      return h('textarea', {name, rows: 3, value: value ?? ''});
    case 'number':
      return h('input', {name, type: 'number', step: 'any', min: '0', value: value ?? '',
        placeholder: spec.default !== undefined ? String(spec.default) : null});
    case 'secret':
      return h('input', {name, type: 'password', autocomplete: 'new-password', spellcheck: 'false',
        placeholder: editing ? 'Stored (leave empty to keep it)' : null});
    default:
      return h('input', {name, type: spec.kind === 'url' ? 'url' : 'text', autocomplete: 'off', value: value ?? '',
        spellcheck: 'false'});
  }
}

/** The option's value as the form shows it, or undefined when it is to be left out. */
function read(form, spec, original) {
  const el = form.elements[spec.name];
  const had = original !== undefined;
  switch (spec.kind) {
    case 'flag': {
      const v = form.querySelector(`input[type=checkbox][name="${spec.name}"]`).checked;
      return v === spec.default && !had ? undefined : v;
    }
    case 'select':
      return el.value === spec.default && !had ? undefined : el.value;
    case 'checks': {
      const v = [...form.querySelectorAll(`input[type=checkbox][name="${spec.name}"]`)].filter((i) => i.checked)
        .map((i) => i.value);
      return v.length ? v : undefined;
    }
    case 'lines': {
      const v = el.value.split('\n').map((s) => s.trim()).filter(Boolean);
      return v.length ? v : undefined;
    }
    case 'topics':
      return topics(el.value, spec.label);
    case 'number':
      if (el.validity.badInput) throw new Error(`${spec.label}: not a number.`);
      return el.value === '' ? undefined : Number(el.value);
    default:
      return el.value.trim() === '' ? undefined : el.value.trim();
  }
}

/** "topic: word, word" lines → {topic: [words]}. */
function topics(text, label) {
  const out = {};
  for (const line of text.split('\n').map((s) => s.trim()).filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`${label}: write each line as "topic: word, word" ("${line}" has no topic).`);
    const words = line.slice(colon + 1).split(',').map((s) => s.trim()).filter(Boolean);
    if (!words.length) throw new Error(`${label}: topic "${line.slice(0, colon).trim()}" has no words.`);
    out[line.slice(0, colon).trim()] = words;
  }
  return Object.keys(out).length ? out : undefined;
}

function parseObject(text, label) {
  if (!text.trim()) return {};
  let parsed;
  try { parsed = JSON.parse(text); } catch (e) { throw new Error(`${label} is not valid JSON: ${e.message}`); }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${label} must be a JSON object.`);
  return parsed;
}

/**
 * Opens the dialog. `existing` is a GET /guardrails/{id} answer to edit (a stored guardrail), or undefined to add
 * one. `models` are the model names offered for a judge. Resolves with the saved guardrail, or null.
 */
export async function guardrailDialog(existing, {models = []} = {}) {
  const editing = Boolean(existing);
  const params = existing?.litellm_params || {};
  const info = existing?.guardrail_info || {};
  const form = h('form', {class: 'guardrail-form', novalidate: true, id: 'guardrail-form'});
  const name = h('input', {name: 'guardrail_name', required: true, autocomplete: 'off', spellcheck: 'false',
    value: existing?.guardrail_name || ''});
  const kind = h('select', {name: 'guardrail'}, INTEGRATIONS.map((i) => h('option', {value: i.id}, i.label)));
  if (params.guardrail && !INTEGRATIONS.some((i) => i.id === params.guardrail)) {
    kind.append(h('option', {value: params.guardrail}, params.guardrail));
  }
  kind.value = params.guardrail || INTEGRATIONS[0].id;
  const modes = new Set([].concat(params.mode || 'pre_call'));
  const modeBoxes = h('fieldset', {}, h('legend', {}, 'When it runs'),
    MODES.map(([v, label]) => h('label', {class: 'check'},
      h('input', {type: 'checkbox', name: 'mode', value: v, checked: modes.has(v)}), ` ${label}`)));
  const defaultOn = h('input', {type: 'checkbox', name: 'default_on', checked: Boolean(params.default_on)});
  const description = h('input', {name: 'description', autocomplete: 'off', value: info.description || ''});
  const optionsSlot = h('div', {id: 'guardrail-options'});
  const other = h('textarea', {name: 'litellm_params_json', rows: 3, spellcheck: 'false',
    placeholder: '{"extra_patterns": [{"pattern": "reveal the key", "weight": 1.0}]}'});
  const status = h('div', {class: 'status-slot'});

  /** Fills the options of the chosen integration; what has no field goes into the JSON box. */
  function renderOptions(first) {
    const spec = integration(kind.value);
    const covered = new Set([...OWN, ...spec.fields.map((f) => f.name)]);
    optionsSlot.replaceChildren(h('h3', {}, 'Options'), ...spec.fields.map((f) => {
      const el = control(f, first ? params[f.name] : undefined, editing);
      if (f.suggest === 'models' && models.length) {
        const listId = uid('models');
        el.setAttribute('list', listId);
        return h('div', {}, field(f.required ? `${f.label} (required)` : f.label, el, f.hint),
          h('datalist', {id: listId}, models.map((m) => h('option', {value: m}))));
      }
      if (f.kind === 'checks') return el;
      if (f.kind === 'flag') return h('div', {class: 'field'}, h('label', {class: 'check'}, el, ` ${f.label}`));
      return field(f.required ? `${f.label} (required)` : f.label, el, f.hint);
    }), ...(spec.fields.length ? [] : [h('p', {class: 'muted'}, 'This integration has no fields here: set its '
      + 'options in the JSON below.')]));
    if (first) {
      const rest = Object.fromEntries(Object.entries(params).filter(([k]) => !covered.has(k)));
      other.value = Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '';
    }
  }
  kind.addEventListener('change', () => renderOptions(false));
  renderOptions(true);

  form.append(
    field('Name', name, 'What requests, keys and teams use to turn it on'),
    field('Integration', kind),
    modeBoxes,
    h('div', {class: 'field'}, h('label', {class: 'check'}, defaultOn, ' Run on every request (default_on)')),
    optionsSlot,
    field('Other litellm_params (JSON object)', other, 'Options without a field above; credentials here are stored '
      + 'encrypted and never shown back'),
    field('Description', description, 'Shown in the list (guardrail_info.description)'),
    status,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', onclick: () => form.closest('dialog').close('cancel')}, 'Cancel'),
      h('button', {type: 'submit', id: 'guardrail-save'}, editing ? 'Save guardrail' : 'Add guardrail')));

  /** The whole guardrail the form describes; a bad field throws with a message naming it. */
  function body() {
    if (!name.value.trim()) throw new Error('Name is required.');
    const chosen = [...form.querySelectorAll('input[name=mode]')].filter((i) => i.checked).map((i) => i.value);
    if (!chosen.length) throw new Error('Choose when it runs: at least one mode.');
    const litellm = parseObject(other.value, 'Other litellm_params');
    const spec = integration(kind.value);
    for (const f of spec.fields) {
      const v = read(form, f, kind.value === params.guardrail ? params[f.name] : undefined);
      if (v === undefined) continue;
      if (f.name in litellm) throw new Error(`${f.label} is given twice: in its field and in the JSON.`);
      litellm[f.name] = v;
    }
    for (const f of spec.fields.filter((x) => x.required)) {
      if (!(f.name in litellm)) throw new Error(`${f.label} is required.`);
    }
    Object.assign(litellm, {guardrail: kind.value, mode: chosen.length === 1 ? chosen[0] : chosen,
      default_on: defaultOn.checked});
    const guardrailInfo = {...info};
    if (description.value.trim()) guardrailInfo.description = description.value.trim();
    else delete guardrailInfo.description;
    return {guardrail: {guardrail_name: name.value.trim(), litellm_params: litellm, guardrail_info: guardrailInfo}};
  }

  let saved = null;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.replaceChildren();
    const button = form.querySelector('#guardrail-save');
    try {
      const payload = body();
      button.disabled = true;
      saved = editing
        ? await api(`/guardrails/${encodeURIComponent(existing.guardrail_id)}`, {method: 'PUT', body: payload})
        : await api('/guardrails', {method: 'POST', body: payload});
      form.closest('dialog').close('saved');
    } catch (problem) {
      status.replaceChildren(errorBox(problem.message));
      status.scrollIntoView({block: 'nearest'});
    } finally {
      button.disabled = false;
    }
  });

  await openDialog(editing ? `Edit ${existing.guardrail_name}` : 'Add a guardrail', form);
  return saved;
}
