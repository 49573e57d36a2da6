// One organization (#/organizations?organization_id=): limits, members and teams from /organization/info; proxy
// admins edit or delete it and add, re-role and remove members (/organization/member_add, PATCH
// /organization/member_update, DELETE /organization/member_delete).
import {h, when} from '../dom.js';
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {canManage, readsAll} from '../roles.js';
import {formDialog} from './entity-form.js';
import {facts, dataTable, actionButton, budgetText, limitsText, modelsText, statusBadge, detailLink, notice, failure,
  keepFocus, leave} from './entity-list.js';
import {editOrganization, deleteOrganization, orgName} from './organization-forms.js';

const ORG_ROLES = [['internal_user', 'internal_user'], ['internal_user_viewer', 'internal_user_viewer'],
  ['org_admin', 'org_admin']];

export async function organizationDetail(main, orgId, {role}) {
  const manage = canManage(role);
  const messages = h('div', {class: 'status-slot'});
  const body = h('div', {id: 'organization-detail'});
  const heading = h('h1', {}, `Organization ${orgId}`);
  main.append(h('p', {}, h('a', {href: '#/organizations'}, '← All organizations')), heading,
    messages, body);

  async function load() {
    let org;
    try {
      org = await api('/organization/info', {query: {organization_id: orgId}});
    } catch (e) {
      failure(messages, e);
      return;
    }
    heading.textContent = `Organization ${orgName(org)}`;
    keepFocus(() => body.replaceChildren(...render(org).filter(Boolean)));
  }

  function render(org) {
    const b = org.litellm_budget_table || {};
    const members = org.members || [];
    const teams = org.teams || [];
    return [
      manage ? h('div', {class: 'inline'},
        actionButton('Edit', `Edit ${orgName(org)}`, async () => {
          if (await editOrganization(org)) done(`Organization ${orgName(org)} saved.`);
        }),
        actionButton('Delete', `Delete ${orgName(org)}`, async () => {
          try {
            if (await deleteOrganization(org)) leave(`Organization ${orgName(org)} deleted.`, '#/organizations');
          } catch (e) {
            failure(messages, e);
          }
        }, {danger: true})) : null,
      facts([['Id', h('code', {}, org.organization_id)], ['Spend / budget', budgetText(org.spend, b.max_budget)],
        ['Budget', org.budget_id ? h('code', {}, org.budget_id) : null], ['Budget period', b.budget_duration],
        ['Limits', limitsText(b.rpm_limit, b.tpm_limit)], ['Models', modelsText(org.models)],
        ['Created', when(org.created_at)]]),
      h('div', {class: 'page-head'}, h('h2', {}, 'Members'),
        manage ? h('button', {type: 'button', id: 'add-org-member', onclick: () => addMember(org)}, 'Add member') : null),
      dataTable(`${members.length} member${members.length === 1 ? '' : 's'}`,
        ['User', 'Role', h('span', {class: 'visually-hidden'}, 'Actions')], members, (m) => ({
          attrs: {'data-member': m.user_id},
          cells: [readsAll(role) ? detailLink('users', 'user_id', m.user_id) : m.user_id,
            h('span', {class: 'member-role'}, m.user_role),
            h('div', {class: 'row-actions'}, manage ? [
              actionButton('Edit', `Edit member ${m.user_id}`, () => editMember(org, m)),
              actionButton('Remove', `Remove ${m.user_id}`, () => removeMember(org, m), {danger: true}),
            ] : [])],
        }), 'No members yet.'),
      h('h2', {}, 'Teams'),
      dataTable(`${teams.length} team${teams.length === 1 ? '' : 's'}`, ['Team', 'Id', 'Spend / budget', 'Status'], teams,
        (t) => ({cells: [detailLink('teams', 'team_id', t.team_id, t.team_alias || t.team_id), h('code', {}, t.team_id),
          budgetText(t.spend, t.max_budget), statusBadge(t.blocked)]}),
        'No teams in this organization.'),
    ];
  }

  async function addMember(org) {
    const added = await formDialog({title: `Add a member to ${orgName(org)}`, id: 'add-org-member-form',
      submitLabel: 'Add member',
      intro: 'Give the user id or the e-mail; a user that does not exist yet is created as an internal user.',
      specs: [
        {name: 'user_id', label: 'User id'},
        {name: 'user_email', label: 'E-mail'},
        {name: 'role', label: 'Role in the organization', kind: 'select', options: ORG_ROLES, initial: 'internal_user'},
      ],
      submit: (member) => api('/organization/member_add', {method: 'POST',
        body: {organization_id: org.organization_id, member}})});
    if (added) done('Member added.');
  }

  async function editMember(org, member) {
    const saved = await formDialog({title: `Member ${member.user_id} of ${orgName(org)}`, id: 'edit-org-member-form',
      submitLabel: 'Save member', initial: {role: member.user_role},
      specs: [{name: 'role', label: 'Role in the organization', kind: 'select', options: ORG_ROLES}],
      submit: (changes) => api('/organization/member_update', {method: 'PATCH',
        body: {organization_id: org.organization_id, user_id: member.user_id, ...changes}})});
    if (saved) done(`Member ${member.user_id} saved.`);
  }

  async function removeMember(org, member) {
    const sure = await confirmDialog('Remove member?', `Remove ${member.user_id} from ${orgName(org)}? The user and `
      + 'their keys are not deleted.', 'Remove member');
    if (!sure) return;
    try {
      await api('/organization/member_delete', {method: 'DELETE',
        body: {organization_id: org.organization_id, user_id: member.user_id}});
      await done(`${member.user_id} removed from ${orgName(org)}.`);
    } catch (e) {
      failure(messages, e);
    }
  }

  async function done(message) {
    notice(messages, message);
    await load();
  }

  await load();
}
