// One user (#/users?user_id=): settings, spend and limits, their keys and their teams, from /user/info; proxy admins
// edit and delete the user here too.
import {h, when} from '../dom.js';
import {api} from '../api.js';
import {canManage, roleLabel} from '../roles.js';
import {facts, dataTable, actionButton, budgetText, limitsText, modelsText, statusBadge, detailLink, notice, failure,
  keepFocus, leave} from './entity-list.js';
import {editUser, deleteUser, userName} from './user-forms.js';

export async function userDetail(main, userId, {role}) {
  const messages = h('div', {class: 'status-slot'});
  const body = h('div', {id: 'user-detail'});
  const heading = h('h1', {}, `User ${userId}`);
  main.append(h('p', {}, h('a', {href: '#/users'}, '← All users')), heading, messages, body);

  async function load() {
    let info;
    try {
      info = await api('/user/info', {query: {user_id: userId}});
    } catch (e) {
      failure(messages, e);
      return;
    }
    const user = info.user_info || {};
    heading.textContent = `User ${userName(user)}`;
    keepFocus(() => body.replaceChildren(...render(user, info.keys || [], info.teams || []).filter(Boolean)));
  }

  function render(user, keys, teams) {
    return [
      canManage(role) ? h('div', {class: 'inline'},
        actionButton('Edit', `Edit ${userName(user)}`, async () => {
          if (await editUser(user)) {
            notice(messages, `User ${userName(user)} saved.`);
            await load();
          }
        }),
        actionButton('Delete', `Delete ${userName(user)}`, async () => {
          try {
            if (await deleteUser(user)) leave(`User ${userName(user)} deleted.`, '#/users');
          } catch (e) {
            failure(messages, e);
          }
        }, {danger: true})) : null,
      facts([['Id', h('code', {}, user.user_id)], ['E-mail', user.user_email], ['Name', user.user_alias],
        ['Role', roleLabel(user.user_role)], ['Spend / budget', budgetText(user.spend, user.max_budget)],
        ['Budget period', user.budget_duration], ['Limits', limitsText(user.rpm_limit, user.tpm_limit)],
        ['Models', modelsText(user.models)], ['Created', when(user.created_at)]]),
      h('h2', {}, 'Keys'),
      dataTable(`${keys.length} key${keys.length === 1 ? '' : 's'}`, ['Alias', 'Key', 'Team', 'Models', 'Spend / budget',
        'Expires', 'Status'], keys, (k) => ({
        attrs: {'data-key-alias': k.key_alias || ''},
        cells: [k.key_alias || h('span', {class: 'muted'}, '(no alias)'), h('code', {}, k.key_name || ''),
          k.team_id || '—', modelsText(k.models), budgetText(k.spend, k.max_budget),
          k.expires ? when(k.expires) : 'never', statusBadge(k.blocked)],
      }), 'This user has no keys.'),
      h('h2', {}, 'Teams'),
      dataTable(`${teams.length} team${teams.length === 1 ? '' : 's'}`, ['Team', 'Id', 'Spend / budget', 'Status'], teams,
        (t) => ({
          attrs: {'data-team-id': t.team_id},
          cells: [detailLink('teams', 'team_id', t.team_id, t.team_alias || t.team_id), h('code', {}, t.team_id),
            budgetText(t.spend, t.max_budget), statusBadge(t.blocked)],
        }), 'This user is in no team.'),
    ];
  }

  await load();
}
