// Guardrails: the config file's (read-only) and those stored through the API (/v2/guardrails/list), with how often
// each ran on this gateway instance (/metrics); proxy admins add, edit and delete stored ones (POST /guardrails,
// PUT and DELETE /guardrails/{id}); everyone may try one on a text (/guardrails/apply_guardrail).
import {h, field, errorBox, announce} from '../dom.js';
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {canManage} from '../roles.js';
import {actionButton, dataTable, keepFocus, notice, failure} from './entity-list.js';
import {guardrailDialog} from './guardrail-form.js';
import {loadRuns, runsText} from './guardrail-metrics.js';
import {modelNames} from './choices.js';

export async function guardrailsPage(main, {role}) {
  const manage = canManage(role);
  let guardrails = [];
  let runs = null;
  const messages = h('div', {class: 'status-slot'});
  const listSlot = h('div', {id: 'guardrails-list'});
  const tryBox = tryItBox();

  main.append(
    h('div', {class: 'page-head'}, h('h1', {}, 'Guardrails'),
      manage ? h('button', {type: 'button', id: 'add-guardrail', onclick: async () => {
        const saved = await guardrailDialog(undefined, {models: await modelNames()});
        if (saved) await done(`Guardrail ${saved.guardrail_name} added; it runs from the next request.`);
      }}, 'Add guardrail') : null),
    h('p', {class: 'muted'}, 'Guardrails from the config file are read-only (change them in the file); those added '
      + 'here are stored in the database and apply to every gateway instance. Run counts are this instance\'s '
      + 'since it started.'),
    messages, listSlot, tryBox.element);

  function render() {
    const columns = ['Name', 'Integration', 'Runs when', 'Default on', 'Source', 'Runs (this instance)',
      manage ? h('span', {class: 'visually-hidden'}, 'Actions') : null].filter(Boolean);
    const count = guardrails.length;
    keepFocus(() => listSlot.replaceChildren(dataTable(`${count} guardrail${count === 1 ? '' : 's'}`, columns,
      guardrails, (g) => {
        const stored = g.guardrail_definition_location === 'db';
        const name = g.guardrail_name;
        return {
          attrs: {'data-guardrail-name': name, 'data-guardrail-id': g.guardrail_id, 'data-source': stored ? 'api' : 'config'},
          cells: [
            [h('strong', {}, name), g.guardrail_info?.description
              ? h('div', {class: 'cell-note muted'}, g.guardrail_info.description) : null],
            h('code', {}, g.litellm_params?.guardrail || '—'),
            [].concat(g.litellm_params?.mode || 'pre_call').join(', '),
            g.litellm_params?.default_on ? 'Yes' : 'No',
            stored ? h('span', {class: 'badge ok', title: 'Stored through the API: editable'}, 'API')
              : [h('span', {class: 'badge neutral'}, 'Config'), h('div', {class: 'cell-note muted'}, 'read-only')],
            h('span', {class: 'runs'}, runs ? runsText(runs.get(name)) : '—'),
            manage ? h('div', {class: 'row-actions'}, stored ? actions(g) : []) : null,
          ].filter((c) => c !== null),
        };
      }, 'No guardrails yet.')));
    tryBox.names(guardrails.map((g) => g.guardrail_name));
  }

  function actions(g) {
    const name = g.guardrail_name;
    return [
      actionButton('Edit', `Edit ${name}`, async () => {
        let current;
        try {
          current = await api(`/guardrails/${encodeURIComponent(g.guardrail_id)}`);
        } catch (e) {
          failure(messages, e);
          return;
        }
        const saved = await guardrailDialog(current, {models: await modelNames()});
        if (saved) await done(`Guardrail ${saved.guardrail_name} saved.`);
      }),
      actionButton('Delete', `Delete ${name}`, async () => {
        const sure = await confirmDialog('Delete guardrail?', `Delete ${name}? Requests stop running it at once; `
          + 'keys and teams that name it keep the name, which then matches nothing. This cannot be undone.',
          'Delete guardrail');
        if (!sure) return;
        try {
          await api(`/guardrails/${encodeURIComponent(g.guardrail_id)}`, {method: 'DELETE'});
          await done(`Guardrail ${name} deleted.`);
        } catch (e) {
          failure(messages, e);
        }
      }, {danger: true}),
    ];
  }

  async function done(message) {
    await load();
    notice(messages, message);
  }

  async function load() {
    listSlot.setAttribute('aria-busy', 'true');
    try {
      const [list, counted] = await Promise.all([api('/v2/guardrails/list'), loadRuns()]);
      guardrails = list?.guardrails || [];
      runs = counted;
      render();
    } catch (e) {
      failure(messages, e);
    } finally {
      listSlot.removeAttribute('aria-busy');
    }
  }

  await load();
}

/** "Try it": runs one guardrail on a text with POST /guardrails/apply_guardrail and shows its verdict. */
function tryItBox() {
  const select = h('select', {name: 'try_guardrail', id: 'try-guardrail'});
  const text = h('textarea', {name: 'try_text', id: 'try-text', rows: 3},
    'My card is 4111 1111 1111 1111, mail me at jane@example.com');
  const result = h('div', {id: 'try-result', role: 'status', 'aria-live': 'polite'});
  const run = h('button', {type: 'submit', id: 'try-run'}, 'Check text');
  const form = h('form', {class: 'card try-box', 'aria-labelledby': 'try-heading'},
    h('h2', {id: 'try-heading'}, 'Try a guardrail'),
    h('p', {class: 'muted'}, 'Runs the guardrail on the text as in its first mode, without calling a model; a '
      + 'remote guardrail calls its service.'),
    h('div', {class: 'grid-2'}, field('Guardrail', select)),
    field('Text to check', text),
    h('div', {class: 'actions'}, run),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!select.value) return;
    run.disabled = true;
    result.replaceChildren(h('p', {class: 'muted'}, 'Checking…'));
    try {
      const reply = await api('/guardrails/apply_guardrail', {method: 'POST',
        body: {guardrail_name: select.value, text: text.value}});
      const changed = reply.response_text !== text.value;
      result.replaceChildren(verdict(changed ? 'masked' : 'passed', changed ? 'Masked' : 'Passed',
        changed ? reply.response_text : 'The text passes unchanged.'));
      announce(changed ? 'The guardrail masked the text.' : 'The text passes.');
    } catch (err) {
      const blocked = err.status === 400 && /guardrail/i.test(err.message);
      result.replaceChildren(blocked ? verdict('blocked', 'Blocked', err.message)
        : h('div', {'data-verdict': 'error'}, errorBox(err.message)));
      announce(blocked ? 'The guardrail blocked the text.' : 'The check failed.');
    } finally {
      run.disabled = false;
      result.scrollIntoView({block: 'nearest'});
    }
  });
  return {
    element: form,
    names(names) {
      const chosen = select.value;
      select.replaceChildren(...names.map((n) => h('option', {value: n}, n)));
      if (names.includes(chosen)) select.value = chosen;
      run.disabled = names.length === 0;
    },
  };
}

function verdict(kind, title, detail) {
  return h('div', {class: `verdict ${kind}`, 'data-verdict': kind},
    h('span', {class: kind === 'passed' ? 'badge ok' : kind === 'masked' ? 'badge neutral' : 'badge bad'}, title),
    h('p', {class: 'verdict-text'}, detail));
}
