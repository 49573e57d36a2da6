// One team (#/teams?team_id=): its settings, spend and limits, its members with their role, spend and budget in the
// team, and its keys, from /team/info. Proxy admins edit, block and delete it; they and the team's own admins add,
// change and remove members (/team/member_add, /team/member_update, /team/member_delete).
import {h, usd, when} from '../dom.js';
import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {ADMIN, canManage, canWrite, readsAll} from '../roles.js';
import {formDialog} from './entity-form.js';
import {facts, dataTable, actionButton, budgetText, limitsText, modelsText, statusBadge, detailLink, notice, failure,
  keepFocus, leave} from './entity-list.js';
import {editTeam, setBlocked, deleteTeam, teamName} from './team-forms.js';

const MEMBER_ROLES = [['user', 'user'], ['admin', 'admin']];

export async function teamDetail(main, teamId, {role, userId}) {
  const messages = h('div', {class: 'status-slot'});
  const body = h('div', {id: 'team-detail'});
  const heading = h('h1', {}, `Team ${teamId}`);
  main.append(h('p', {}, h('a', {href: '#/teams'}, '← All teams')), heading, messages, body);

  async function load() {
    let info;
    try {
      info = await api('/team/info', {query: {team_id: teamId}});
    } catch (e) {
      failure(messages, e);
      return;
    }
    const team = info.team_info || {};
    heading.textContent = `Team ${teamName(team)}`;
    keepFocus(() => body.replaceChildren(...render(team, info.keys || [], info.team_memberships || []).filter(Boolean)));
  }

  function render(team, keys, memberships) {
    const selfAdmin = (team.members_with_roles || []).some((m) => m.user_id === userId && m.role === 'admin');
    const manageMembers = canWrite(role) && (role === ADMIN || selfAdmin);
    const metadata = team.metadata && Object.keys(team.metadata).length ? JSON.stringify(team.metadata) : null;
    return [
      canManage(role) ? h('div', {class: 'inline'}, teamActions(team)) : null,
      facts([['Id', h('code', {}, team.team_id)], ['Organization', team.organization_id],
        ['Status', statusBadge(team.blocked)], ['Spend / budget', budgetText(team.spend, team.max_budget)],
        ['Budget period', team.budget_duration],
        ['Budget resets', team.budget_reset_at ? when(team.budget_reset_at) : null],
        ['Limits', limitsText(team.rpm_limit, team.tpm_limit)], ['Parallel requests', team.max_parallel_requests],
        ['Models', modelsText(team.models)], ['Tags', (team.tags || []).join(', ')],
        ['Metadata', metadata ? h('code', {}, metadata) : null], ['Created', when(team.created_at)]]),
      h('div', {class: 'page-head'}, h('h2', {}, 'Members'),
        manageMembers ? h('button', {type: 'button', id: 'add-member', onclick: () => addMember(team)}, 'Add member')
          : null),
      membersTable(team, memberships, manageMembers),
      h('h2', {}, 'Keys'),
      dataTable(`${keys.length} key${keys.length === 1 ? '' : 's'} of this team`,
        ['Alias', 'Key', 'User', 'Models', 'Spend / budget', 'Limits', 'Status'], keys, (k) => ({
          attrs: {'data-key-alias': k.key_alias || ''},
          cells: [k.key_alias || h('span', {class: 'muted'}, '(no alias)'), h('code', {}, k.key_name || ''),
            k.user_id || '—', modelsText(k.models), budgetText(k.spend, k.max_budget),
            limitsText(k.rpm_limit, k.tpm_limit), statusBadge(k.blocked)],
        }), 'This team has no keys.'),
    ];
  }

  function teamActions(team) {
    const name = teamName(team);
    return [
      actionButton('Edit', `Edit ${name}`, async () => {
        if (await editTeam(role, team)) done(`Team ${name} saved.`);
      }),
      actionButton(team.blocked ? 'Unblock' : 'Block', `${team.blocked ? 'Unblock' : 'Block'} ${name}`,
        () => run(() => setBlocked(team, !team.blocked), `Team ${name} ${team.blocked ? 'unblocked' : 'blocked'}.`),
        {focusId: `block:${team.team_id}`}),
      actionButton('Delete', `Delete ${name}`, async () => {
        try {
          if (await deleteTeam(team)) leave(`Team ${teamName(team)} deleted.`, '#/teams');
        } catch (e) {
          failure(messages, e);
        }
      }, {danger: true}),
    ];
  }

  function membersTable(team, memberships, manage) {
    const byUser = new Map(memberships.map((m) => [m.user_id, m]));
    const members = team.members_with_roles || [];
    return dataTable(`${members.length} member${members.length === 1 ? '' : 's'}`,
      ['User', 'E-mail', 'Role', 'Spend in team', 'Budget in team', h('span', {class: 'visually-hidden'}, 'Actions')],
      members, (m) => {
        const budget = byUser.get(m.user_id)?.litellm_budget_table?.max_budget;
        return {
          attrs: {'data-member': m.user_id},
          cells: [readsAll(role) ? detailLink('users', 'user_id', m.user_id) : m.user_id, m.user_email || '—',
            h('span', {class: 'member-role'}, m.role), usd(byUser.get(m.user_id)?.spend ?? 0),
            budget === null || budget === undefined ? '—' : usd(budget),
            h('div', {class: 'row-actions'}, manage ? [
              actionButton('Edit', `Edit member ${m.user_id}`, () => editMember(team, m, budget)),
              actionButton('Remove', `Remove ${m.user_id}`, () => removeMember(team, m), {danger: true}),
            ] : [])],
        };
      }, 'No members yet.');
  }

  async function addMember(team) {
    let known = [];
    if (readsAll(role)) {
      try {
        known = ((await api('/user/list', {query: {page_size: 100}}))?.users || []).map((u) => u.user_id);
      } catch { /* no suggestions: free text */ }
    }
    const added = await formDialog({title: `Add a member to ${teamName(team)}`, id: 'add-member-form',
      submitLabel: 'Add member',
      intro: 'Give the user id or the e-mail; a user that does not exist yet is created as an internal user.',
      specs: [
        {name: 'user_id', label: 'User id', suggestions: known},
        {name: 'user_email', label: 'E-mail'},
        {name: 'role', label: 'Role in the team', kind: 'select', options: MEMBER_ROLES, initial: 'user'},
        {name: 'max_budget_in_team', label: 'Budget in this team (USD)', kind: 'money',
          hint: 'Empty: no budget of its own'},
      ],
      submit: ({user_id, user_email, role: memberRole, max_budget_in_team}) => api('/team/member_add', {method: 'POST',
        body: {team_id: team.team_id, member: {user_id, user_email, role: memberRole}, max_budget_in_team}})});
    if (added) done('Member added.');
  }

  async function editMember(team, member, budget) {
    const saved = await formDialog({title: `Member ${member.user_id} of ${teamName(team)}`, id: 'edit-member-form',
      submitLabel: 'Save member', initial: {role: member.role, max_budget_in_team: budget ?? null},
      specs: [
        {name: 'role', label: 'Role in the team', kind: 'select', options: MEMBER_ROLES},
        {name: 'max_budget_in_team', label: 'Budget in this team (USD)', kind: 'money',
          hint: 'Can be changed, not removed: the API keeps a member budget once set'},
      ],
      submit: async (changes) => {
        if (changes.max_budget_in_team === null) delete changes.max_budget_in_team;
        if (!Object.keys(changes).length) throw new Error('Nothing changed: a member budget cannot be removed.');
        return api('/team/member_update',
          {method: 'POST', body: {team_id: team.team_id, user_id: member.user_id, ...changes}});
      }});
    if (saved) done(`Member ${member.user_id} saved.`);
  }

  async function removeMember(team, member) {
    const sure = await confirmDialog('Remove member?', `Remove ${member.user_id} from ${teamName(team)}? `
      + 'The user and their keys are not deleted.', 'Remove member');
    if (sure) {
      run(() => api('/team/member_delete', {method: 'POST', body: {team_id: team.team_id, user_id: member.user_id}}),
        `${member.user_id} removed from ${teamName(team)}.`);
    }
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

  await load();
}
