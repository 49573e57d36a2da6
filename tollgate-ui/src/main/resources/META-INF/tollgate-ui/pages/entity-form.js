// Create and edit forms for the directory pages (teams, users, organizations, customers, budgets), built from field
// specs: each spec knows its labelled control and how its text becomes the API's value, so a create sends only what
// was filled in and an edit only what changed (a cleared field is sent as null, which clears it).
import {h, field, errorBox, uid} from '../dom.js';
import {openDialog} from '../dialog.js';

/**
 * A field spec: {name, label, kind, hint, options, required, short, createOnly, initial}.
 * kinds: text, duration (text), money (decimal), count (whole number), list (comma-separated → array),
 * json (object), select (options [[value, label]], '' → null), checks (options → array), flag (checkbox → boolean).
 * `short` fields sit side by side; `createOnly` fields are left out of edit forms.
 */
export function control(spec, initial) {
  const name = spec.name;
  switch (spec.kind) {
    case 'money':
      return h('input', {name, type: 'number', min: '0', step: 'any', inputmode: 'decimal', value: text(initial)});
    case 'count':
      return h('input', {name, type: 'number', min: '0', step: '1', inputmode: 'numeric', value: text(initial)});
    case 'list':
      return h('input', {name, autocomplete: 'off', value: Array.isArray(initial) ? initial.join(', ') : text(initial)});
    case 'json': {
      const shown = initial && typeof initial === 'object' && Object.keys(initial).length;
      return h('textarea', {name, rows: 3, placeholder: spec.placeholder || '{"owner": "data-team"}',
        value: shown ? JSON.stringify(initial, null, 2) : ''});
    }
    case 'select': {
      const select = h('select', {name}, (spec.options || []).map(([value, label]) => h('option', {value}, label)));
      const wanted = initial === null || initial === undefined ? '' : String(initial);
      select.value = wanted;
      if (select.value !== wanted && wanted !== '') { // a current value the options lack
        select.append(h('option', {value: wanted}, wanted));
        select.value = wanted;
      }
      return select;
    }
    case 'checks': {
      const chosen = new Set(Array.isArray(initial) ? initial : []);
      const labels = new Map(spec.options || []);
      const values = [...labels.keys(), ...[...chosen].filter((v) => !labels.has(v))]; // keep values the options lack
      return h('fieldset', {},
        h('legend', {}, spec.label),
        values.map((v) => h('label', {class: 'check'},
          h('input', {type: 'checkbox', name, value: v, checked: chosen.has(v)}), ` ${labels.get(v) || v}`)),
        spec.hint ? h('small', {class: 'hint'}, spec.hint) : null);
    }
    case 'flag':
      return h('label', {class: 'check'},
        h('input', {type: 'checkbox', name, checked: Boolean(initial)}), ` ${spec.label}`);
    default:
      return h('input', {name, autocomplete: 'off', value: text(initial), required: spec.required || null,
        placeholder: spec.placeholder || null});
  }
}

function text(v) {
  return v === null || v === undefined ? '' : String(v);
}

/** The API value of `spec` as the form now shows it; throws an Error with a readable message for bad input. */
export function read(form, spec) {
  const el = form.elements[spec.name];
  switch (spec.kind) {
    case 'money':
    case 'count':
      if (el.validity.badInput) throw new Error(`${spec.label}: not a number.`);
      return el.value === '' ? null : Number(el.value);
    case 'list':
      return el.value.split(',').map((s) => s.trim()).filter(Boolean);
    case 'json': {
      if (!el.value.trim()) return null;
      let parsed;
      try {
        parsed = JSON.parse(el.value);
      } catch (e) {
        throw new Error(`${spec.label}: not valid JSON (${e.message}).`);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error(`${spec.label}: must be a JSON object.`);
      }
      return parsed;
    }
    case 'checks':
      return [...form.querySelectorAll(`input[type=checkbox][name="${spec.name}"]`)]
        .filter((i) => i.checked).map((i) => i.value);
    case 'flag':
      return form.querySelector(`input[type=checkbox][name="${spec.name}"]`).checked;
    default:
      return el.value.trim() === '' ? null : el.value.trim();
  }
}

function isEmpty(v) {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0)
    || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}

/** The same value as the API means it: null, '' , [] and {} are all "nothing set". */
function normal(v) {
  return isEmpty(v) ? null : JSON.stringify(v);
}

/** A create body: every filled-in field (flags always, so `false` reaches the API). */
export function createBody(form, specs) {
  const body = {};
  for (const spec of specs) {
    const v = read(form, spec);
    if (spec.kind === 'flag' || !isEmpty(v)) body[spec.name] = v;
  }
  return body;
}

/** An update body: the fields whose value differs from `initial`; a cleared field becomes null ([] for lists). */
export function changedBody(form, specs, initial) {
  const body = {};
  for (const spec of specs) {
    const v = read(form, spec);
    if (normal(v) === normal(initial[spec.name])) continue;
    body[spec.name] = isEmpty(v) ? (spec.kind === 'list' || spec.kind === 'checks' ? [] : null) : v;
  }
  return body;
}

/** The labelled controls of `specs`, short ones side by side. */
function layout(specs, initial) {
  const out = [];
  let row = null;
  for (const spec of specs) {
    const el = control(spec, initial[spec.name] ?? spec.initial);
    let wrapped = el;
    if (spec.kind === 'flag') {
      wrapped = h('div', {class: 'field'}, el, spec.hint ? h('small', {class: 'hint'}, spec.hint) : null);
    } else if (spec.kind !== 'checks') {
      wrapped = field(spec.required ? `${spec.label} (required)` : spec.label, el, spec.hint);
    }
    if (spec.suggestions && spec.suggestions.length) { // a free-text field with the known values offered
      const listId = uid('suggest');
      el.setAttribute('list', listId);
      wrapped.append(h('datalist', {id: listId}, spec.suggestions.map((v) => h('option', {value: v}))));
    }
    if (spec.short) {
      if (!row) { row = h('div', {class: 'grid-2'}); out.push(row); }
      row.append(wrapped);
    } else {
      row = null;
      out.push(wrapped);
    }
  }
  return out;
}

/**
 * A create (no `initial`) or edit form in a modal. `submit(body)` calls the API; when it throws, its message is shown
 * in the dialog (role=alert) and the dialog stays open. Resolves with submit's result, or null when cancelled.
 */
export function formDialog({title, id, specs, initial = null, submitLabel, intro, submit}) {
  const editing = initial !== null;
  const shown = editing ? specs.filter((s) => !s.createOnly) : specs;
  const status = h('div', {class: 'status-slot'});
  const introId = intro ? uid('intro') : null;
  const form = h('form', {id, class: 'entity-form', novalidate: true, 'aria-describedby': introId},
    intro ? h('p', {id: introId, class: 'muted'}, intro) : null,
    layout(shown, initial || {}),
    status,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', onclick: () => form.closest('dialog').close('cancel')},
        'Cancel'),
      h('button', {type: 'submit', id: `${id}-submit`}, submitLabel)));
  let result = null;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.replaceChildren();
    let body;
    try {
      body = editing ? changedBody(form, shown, initial) : createBody(form, shown);
    } catch (problem) {
      status.replaceChildren(errorBox(problem.message));
      return;
    }
    if (editing && Object.keys(body).length === 0) {
      status.replaceChildren(errorBox('Nothing changed.'));
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      result = await submit(body);
      form.closest('dialog').close('saved');
    } catch (problem) {
      status.replaceChildren(errorBox(problem.message));
    } finally {
      button.disabled = false;
    }
  });
  return openDialog(title, form).then(() => result);
}
