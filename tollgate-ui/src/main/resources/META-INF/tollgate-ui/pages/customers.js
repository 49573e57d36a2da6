// Customers (LiteLLM's end users: the `user` field of a request): /customer/list searched and paged in the browser,
// with create (/customer/new), edit (/customer/update), block/unblock and delete (/customer/delete) for proxy admins.
import {h} from '../dom.js';
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {canManage} from '../roles.js';
import {formDialog} from './entity-form.js';
import {modelNames, budgets} from './choices.js';
import {limitSpecs, budgetIdSpec, withLimits, limitsIntro} from './budget-fields.js';
import {listView, budgetText, limitsText, statusBadge, actionButton, notice, failure} from './entity-list.js';

const REGIONS = [['', 'Any region'], ['eu', 'EU'], ['us', 'US']];

function customerName(c) {
  return c.alias ? `${c.alias} (${c.user_id})` : c.user_id;
}

async function customerSpecs() {
  const [models, budgetList] = await Promise.all([modelNames(), budgets()]);
  return [
    {name: 'user_id', label: 'Customer id', required: true, createOnly: true,
      hint: 'The "user" value this customer\'s requests send'},
    {name: 'alias', label: 'Name'},
    budgetIdSpec(budgetList),
    ...limitSpecs(),
    {name: 'allowed_model_region', label: 'Region', kind: 'select', options: REGIONS, short: true},
    models.length
      ? {name: 'default_model', label: 'Default model', kind: 'select', short: true,
        options: [['', 'None'], ...models.map((m) => [m, m])]}
      : {name: 'default_model', label: 'Default model', short: true},
    {name: 'metadata', label: 'Metadata (JSON object)', kind: 'json'},
  ].filter(Boolean);
}

export async function customersPage(main, {role}) {
  const manage = canManage(role);
  const messages = h('div', {class: 'status-slot'});
  const view = listView({noun: 'customer', plural: 'customers', id: 'customers-list',
    columns: ['Customer', 'Name', 'Spend / budget', 'Limits', 'Region', 'Default model', 'Status',
      h('span', {class: 'visually-hidden'}, 'Actions')],
    text: (c) => [c.user_id, c.alias].filter(Boolean).join(' '),
    row: (c) => {
      const b = c.litellm_budget_table || {};
      return {
        attrs: {'data-customer': c.user_id},
        cells: [h('code', {}, c.user_id), c.alias || '—', budgetText(c.spend, b.max_budget),
          limitsText(b.rpm_limit, b.tpm_limit), c.allowed_model_region ? c.allowed_model_region.toUpperCase() : 'any',
          c.default_model || '—',
          statusBadge(c.blocked), h('div', {class: 'row-actions'}, manage ? actions(c) : [])],
      };
    }});
  main.append(
    h('div', {class: 'page-head'}, h('h1', {}, 'Customers'),
      manage ? h('button', {type: 'button', id: 'create-customer', onclick: async () => {
        const created = await formDialog({title: 'Create a customer', id: 'create-customer-form',
          specs: await customerSpecs(), submitLabel: 'Create customer',
          submit: (body) => api('/customer/new', {method: 'POST', body})});
        if (created) done(`Customer ${customerName(created)} created.`);
      }}, 'Create customer') : null),
    h('p', {class: 'muted'}, 'Customers are the end users your applications name in a request\'s "user" field; their '
      + 'budgets and limits apply to every key that calls for them.'),
    messages, view.element);

  function actions(c) {
    const name = customerName(c);
    return [
      actionButton('Edit', `Edit ${name}`, async () => {
        const saved = await formDialog({title: `Edit customer ${name}`, id: 'edit-customer-form',
          specs: await customerSpecs(),
          initial: withLimits(c), intro: limitsIntro(c), submitLabel: 'Save customer',
          submit: (body) => api('/customer/update', {method: 'POST', body: {user_id: c.user_id, ...body}})});
        if (saved) done(`Customer ${name} saved.`);
      }),
      actionButton(c.blocked ? 'Unblock' : 'Block', `${c.blocked ? 'Unblock' : 'Block'} ${name}`,
        () => run(() => api(c.blocked ? '/customer/unblock' : '/customer/block',
          {method: 'POST', body: {user_ids: [c.user_id]}}),
          `Customer ${name} ${c.blocked ? 'unblocked' : 'blocked'}.`), {focusId: `block:${c.user_id}`}),
      actionButton('Delete', `Delete ${name}`, async () => {
        const sure = await confirmDialog('Delete customer?', `Delete customer ${name}? Its spend record goes with it. `
          + 'This cannot be undone.', 'Delete customer');
        if (sure) {
          run(() => api('/customer/delete', {method: 'POST', body: {user_ids: [c.user_id]}}), `Customer ${name} deleted.`);
        }
      }, {danger: true}),
    ];
  }

  async function run(call, message) {
    try {
      await call();
      await done(message);
    } catch (e) {
      failure(messages, e);
    }
  }

  async function done(message) {
    notice(messages, message);
    await load();
  }

  async function load() {
    try {
      view.show(await api('/customer/list'));
    } catch (e) {
      failure(messages, e);
    }
  }

  await load();
}
