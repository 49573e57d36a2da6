// Budgets: LiteLLM's shared budget rows (/budget/list), which organizations, customers and team members point to by
// budget_id; create (/budget/new), edit (/budget/update) and delete (/budget/delete: refused while in use) for proxy
// admins. Editing one changes the limits of everything that uses it.
import {h, usd, when} from '../dom.js';
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {canManage} from '../roles.js';
import {formDialog} from './entity-form.js';
import {listView, limitsText, actionButton, notice, failure} from './entity-list.js';

const SPECS = [
  {name: 'budget_id', label: 'Budget id', createOnly: true, hint: 'Empty: the gateway makes one; e.g. "tier-free"'},
  {name: 'max_budget', label: 'Max budget (USD)', kind: 'money', short: true},
  {name: 'soft_budget', label: 'Soft budget (USD)', kind: 'money', short: true, hint: 'An alert, not a limit'},
  {name: 'budget_duration', label: 'Budget period', kind: 'duration', short: true, hint: 'e.g. 30d; empty: never resets'},
  {name: 'rpm_limit', label: 'Requests per minute', kind: 'count', short: true},
  {name: 'tpm_limit', label: 'Tokens per minute', kind: 'count', short: true},
  {name: 'max_parallel_requests', label: 'Parallel requests', kind: 'count', short: true},
];

function money(v) {
  return v === null || v === undefined ? '∞' : usd(v);
}

export async function budgetsPage(main, {role}) {
  const manage = canManage(role);
  const messages = h('div', {class: 'status-slot'});
  const view = listView({noun: 'budget', plural: 'budgets', id: 'budgets-list',
    columns: ['Budget', 'Max budget', 'Soft budget', 'Period', 'Resets', 'Limits', 'Parallel',
      h('span', {class: 'visually-hidden'}, 'Actions')],
    text: (b) => b.budget_id,
    row: (b) => ({
      attrs: {'data-budget': b.budget_id},
      cells: [h('code', {}, b.budget_id), money(b.max_budget), money(b.soft_budget), b.budget_duration || '—',
        b.budget_reset_at ? when(b.budget_reset_at) : '—', limitsText(b.rpm_limit, b.tpm_limit),
        b.max_parallel_requests ?? '∞', h('div', {class: 'row-actions'}, manage ? actions(b) : [])],
    })});
  main.append(
    h('div', {class: 'page-head'}, h('h1', {}, 'Budgets'),
      manage ? h('button', {type: 'button', id: 'create-budget', onclick: async () => {
        const created = await formDialog({title: 'Create a budget', id: 'create-budget-form', specs: SPECS,
          submitLabel: 'Create budget', submit: (body) => api('/budget/new', {method: 'POST', body})});
        if (created) done(`Budget ${created.budget_id} created.`);
      }}, 'Create budget') : null),
    h('p', {class: 'muted'}, 'Shared budgets that organizations and customers can point to. Every organization, and '
      + 'every customer given limits of its own, also has one, listed here under a generated id.'),
    messages, view.element);

  function actions(b) {
    return [
      actionButton('Edit', `Edit budget ${b.budget_id}`, async () => {
        const saved = await formDialog({title: `Edit budget ${b.budget_id}`, id: 'edit-budget-form', specs: SPECS,
          initial: b, submitLabel: 'Save budget', intro: 'Everything that uses this budget gets the new limits.',
          submit: (body) => api('/budget/update', {method: 'POST', body: {budget_id: b.budget_id, ...body}})});
        if (saved) done(`Budget ${b.budget_id} saved.`);
      }),
      actionButton('Delete', `Delete budget ${b.budget_id}`, async () => {
        const sure = await confirmDialog('Delete budget?', `Delete budget ${b.budget_id}? The gateway refuses while an `
          + 'organization, customer, key or member still uses it.', 'Delete budget');
        if (!sure) return;
        try {
          await api('/budget/delete', {method: 'POST', body: {id: b.budget_id}});
          await done(`Budget ${b.budget_id} deleted.`);
        } catch (e) {
          failure(messages, e);
        }
      }, {danger: true}),
    ];
  }

  async function done(message) {
    notice(messages, message);
    await load();
  }

  async function load() {
    try {
      view.show(await api('/budget/list'));
    } catch (e) {
      failure(messages, e);
    }
  }

  await load();
}
