// Organizations (/organization/list, for proxy admins and viewers), searched and paged in the browser, with create,
// edit and delete for proxy admins; #/organizations?organization_id= opens one with its members and teams.
import {h} from '../dom.js';
import {api} from '../api.js';
import {canManage} from '../roles.js';
import {listView, budgetText, limitsText, modelsText, actionButton, detailLink, hashParam, notice,
  failure} from './entity-list.js';
import {createOrganization, editOrganization, deleteOrganization, orgName} from './organization-forms.js';
import {organizationDetail} from './organization-detail.js';

export async function organizationsPage(main, session) {
  const orgId = hashParam('organization_id');
  if (orgId) {
    await organizationDetail(main, orgId, session);
    return;
  }
  const manage = canManage(session.role);
  const messages = h('div', {class: 'status-slot'});
  const view = listView({noun: 'organization', plural: 'organizations', id: 'organizations-list',
    columns: ['Organization', 'Id', 'Members', 'Teams', 'Models', 'Spend / budget', 'Limits',
      h('span', {class: 'visually-hidden'}, 'Actions')],
    text: (o) => [o.organization_alias, o.organization_id].filter(Boolean).join(' '),
    row: (o) => {
      const b = o.litellm_budget_table || {};
      return {
        attrs: {'data-org-alias': o.organization_alias || '', 'data-org-id': o.organization_id},
        cells: [detailLink('organizations', 'organization_id', o.organization_id, orgName(o)),
          h('code', {}, o.organization_id), (o.members || []).length, (o.teams || []).length, modelsText(o.models),
          budgetText(o.spend, b.max_budget), limitsText(b.rpm_limit, b.tpm_limit),
          h('div', {class: 'row-actions'}, manage ? actions(o) : [])],
      };
    }});
  main.append(
    h('div', {class: 'page-head'}, h('h1', {}, 'Organizations'),
      manage ? h('button', {type: 'button', id: 'create-org', onclick: async () => {
        const created = await createOrganization();
        if (created) done(`Organization ${orgName(created)} created.`);
      }}, 'Create organization') : null),
    messages, view.element);

  function actions(o) {
    const name = orgName(o);
    return [
      actionButton('Edit', `Edit ${name}`, async () => {
        if (await editOrganization(o)) done(`Organization ${name} saved.`);
      }),
      actionButton('Delete', `Delete ${name}`, async () => {
        try {
          if (await deleteOrganization(o)) done(`Organization ${name} deleted.`);
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
      view.show(await api('/organization/list'));
    } catch (e) {
      failure(messages, e);
    }
  }

  await load();
}
